using Mpyd.Compiler.Lexing;
using static Mpyd.Compiler.Lexing.TokenKind;
using static Mpyd.Compiler.Parsing.RuleId;

namespace Mpyd.Compiler.Parsing;

internal enum RuleForm : byte { Alt, Seq, Seq1, SeqB, List, ListEnd, Rep, Special }

/// <summary>One component of a rule: a token, a rule, or an optional rule.</summary>
internal readonly record struct Part(bool IsToken, TokenKind Token, RuleId Rule, bool Optional);

internal sealed record Rule(RuleForm Form, Part[] Parts);

/// <summary>MicroPython's grammar as data (frontend spec 2.3). For list forms Parts = [item, separator].</summary>
internal static class Grammar
{
    public static readonly Rule[] Rules = Build();

    private static Part T(TokenKind k) => new(true, k, 0, false);

    private static Part R(RuleId r) => new(false, 0, r, false);

    private static Part O(RuleId r) => new(false, 0, r, true);

    private static Rule[] Build()
    {
        var g = new Rule[176];
        void D(RuleId id, RuleForm f, params Part[] p) => g[(int)id] = new Rule(f, p);
        const RuleForm A = RuleForm.Alt, S = RuleForm.Seq, S1 = RuleForm.Seq1, SB = RuleForm.SeqB,
            L = RuleForm.List, LE = RuleForm.ListEnd, RP = RuleForm.Rep;

        D(file_input, S1, O(file_input_2));
        D(file_input_2, RP, R(file_input_3));
        D(decorated, S1, R(decorators), R(decorated_body));
        D(funcdef, SB, T(KwDef), T(Name), T(DelParenOpen), O(typedargslist), T(DelParenClose), O(funcdefrettype), T(DelColon), R(suite));
        D(simple_stmt_2, LE, R(small_stmt), T(DelSemicolon));
        D(expr_stmt, S, R(testlist_star_expr), O(expr_stmt_2));
        D(testlist_star_expr, LE, R(testlist_star_expr_2), T(DelComma));
        D(del_stmt, S, T(KwDel), R(exprlist));
        D(pass_stmt, S, T(KwPass));
        D(break_stmt, S, T(KwBreak));
        D(continue_stmt, S, T(KwContinue));
        D(return_stmt, S, T(KwReturn), O(testlist));
        D(yield_stmt, S, R(yield_expr));
        D(raise_stmt, S, T(KwRaise), O(raise_stmt_arg));
        D(import_name, S, T(KwImport), R(dotted_as_names));
        D(import_from, S, T(KwFrom), R(import_from_2), T(KwImport), R(import_from_3));
        D(global_stmt, S, T(KwGlobal), R(name_list));
        D(nonlocal_stmt, S, T(KwNonlocal), R(name_list));
        D(assert_stmt, S, T(KwAssert), R(test), O(assert_stmt_extra));
        D(async_stmt, S, T(KwAsync), R(async_stmt_2));
        D(if_stmt, S, T(KwIf), R(namedexpr_test), T(DelColon), R(suite), O(if_stmt_elif_list), O(else_stmt));
        D(while_stmt, S, T(KwWhile), R(namedexpr_test), T(DelColon), R(suite), O(else_stmt));
        D(for_stmt, S, T(KwFor), R(exprlist), T(KwIn), R(testlist), T(DelColon), R(suite), O(else_stmt));
        D(try_stmt, S, T(KwTry), T(DelColon), R(suite), R(try_stmt_2));
        D(with_stmt, S, T(KwWith), R(with_stmt_list), T(DelColon), R(suite));
        D(suite_block_stmts, RP, R(stmt));
        D(namedexpr_test, S1, R(test), O(namedexpr_test_2));
        D(test_if_expr, S1, R(or_test), O(test_if_else));
        D(lambdef, SB, T(KwLambda), O(varargslist), T(DelColon), R(test));
        D(lambdef_nocond, SB, T(KwLambda), O(varargslist), T(DelColon), R(test_nocond));
        D(or_test, L, R(and_test), T(KwOr));
        D(and_test, L, R(not_test), T(KwAnd));
        D(not_test_2, S, T(KwNot), R(not_test));
        D(comparison, L, R(expr), R(comp_op));
        D(star_expr, S, T(OpStar), R(expr));
        D(expr, L, R(xor_expr), T(OpPipe));
        D(xor_expr, L, R(and_expr), T(OpCaret));
        D(and_expr, L, R(shift_expr), T(OpAmpersand));
        D(shift_expr, L, R(arith_expr), R(shift_op));
        D(arith_expr, L, R(term), R(arith_op));
        D(term, L, R(factor), R(term_op));
        D(factor_2, S1, R(factor_op), R(factor));
        D(power, S1, R(atom_expr), O(power_dbl_star));
        D(atom_expr_await, S, T(KwAwait), R(atom), O(atom_expr_trailers));
        D(atom_expr_normal, S1, R(atom), O(atom_expr_trailers));
        D(atom_paren, S, T(DelParenOpen), O(atom_2b), T(DelParenClose));
        D(atom_bracket, S, T(DelBracketOpen), O(testlist_comp), T(DelBracketClose));
        D(atom_brace, S, T(DelBraceOpen), O(dictorsetmaker), T(DelBraceClose));
        D(trailer_paren, S, T(DelParenOpen), O(arglist), T(DelParenClose));
        D(trailer_bracket, S, T(DelBracketOpen), R(subscriptlist), T(DelBracketClose));
        D(trailer_period, S, T(DelPeriod), T(Name));
        D(subscriptlist, LE, R(subscript), T(DelComma));
        D(subscript_2, S1, R(test), O(subscript_3));
        D(subscript_3, S, T(DelColon), O(subscript_3b));
        D(testlist, LE, R(test), T(DelComma));
        D(dictorsetmaker_item, S1, R(test), O(generic_colon_test));
        D(classdef, SB, T(KwClass), T(Name), O(classdef_2), T(DelColon), R(suite));
        D(yield_expr, S, T(KwYield), O(yield_arg));
        D(const_object, RuleForm.Special);
        D(generic_colon_test, S1, T(DelColon), R(test));
        D(generic_equal_test, S1, T(DelEqual), R(test));
        D(single_input, A, T(Newline), R(simple_stmt), R(compound_stmt));
        D(file_input_3, A, T(Newline), R(stmt));
        D(eval_input, S1, R(testlist), O(eval_input_2));
        D(eval_input_2, S, T(Newline));
        D(decorator, S, T(OpAt), R(dotted_name), O(trailer_paren), T(Newline));
        D(decorators, RP, R(decorator));
        D(decorated_body, A, R(classdef), R(funcdef), R(async_funcdef));
        D(async_funcdef, S, T(KwAsync), R(funcdef));
        D(funcdefrettype, S1, T(DelMinusMore), R(test));
        D(typedargslist, LE, R(typedargslist_item), T(DelComma));
        D(typedargslist_item, A, R(typedargslist_name), R(typedargslist_star), R(typedargslist_dbl_star));
        D(typedargslist_name, S1, T(Name), O(generic_colon_test), O(generic_equal_test));
        D(typedargslist_star, S, T(OpStar), O(tfpdef));
        D(typedargslist_dbl_star, S, T(OpDblStar), T(Name), O(generic_colon_test));
        D(tfpdef, S, T(Name), O(generic_colon_test));
        D(varargslist, LE, R(varargslist_item), T(DelComma));
        D(varargslist_item, A, R(varargslist_name), R(varargslist_star), R(varargslist_dbl_star));
        D(varargslist_name, S1, T(Name), O(generic_equal_test));
        D(varargslist_star, S, T(OpStar), O(vfpdef));
        D(varargslist_dbl_star, S, T(OpDblStar), T(Name));
        D(vfpdef, S1, T(Name));
        D(stmt, A, R(compound_stmt), R(simple_stmt));
        D(simple_stmt, S1, R(simple_stmt_2), T(Newline));
        D(small_stmt, A, R(del_stmt), R(pass_stmt), R(flow_stmt), R(import_stmt), R(global_stmt), R(nonlocal_stmt), R(assert_stmt), R(expr_stmt));
        D(expr_stmt_2, A, R(annassign), R(expr_stmt_augassign), R(expr_stmt_assign_list));
        D(expr_stmt_augassign, S1, R(augassign), R(expr_stmt_6));
        D(expr_stmt_assign_list, RP, R(expr_stmt_assign));
        D(expr_stmt_assign, S1, T(DelEqual), R(expr_stmt_6));
        D(expr_stmt_6, A, R(yield_expr), R(testlist_star_expr));
        D(testlist_star_expr_2, A, R(star_expr), R(test));
        D(annassign, S, T(DelColon), R(test), O(expr_stmt_assign));
        D(augassign, A, T(DelPlusEqual), T(DelMinusEqual), T(DelStarEqual), T(DelAtEqual), T(DelSlashEqual), T(DelPercentEqual),
            T(DelAmpersandEqual), T(DelPipeEqual), T(DelCaretEqual), T(DelDblLessEqual), T(DelDblMoreEqual), T(DelDblStarEqual), T(DelDblSlashEqual));
        D(flow_stmt, A, R(break_stmt), R(continue_stmt), R(return_stmt), R(raise_stmt), R(yield_stmt));
        D(raise_stmt_arg, S1, R(test), O(raise_stmt_from));
        D(raise_stmt_from, S1, T(KwFrom), R(test));
        D(import_stmt, A, R(import_name), R(import_from));
        D(import_from_2, A, R(dotted_name), R(import_from_2b));
        D(import_from_2b, S1, R(one_or_more_period_or_ellipsis), O(dotted_name));
        D(import_from_3, A, T(OpStar), R(import_as_names_paren), R(import_as_names));
        D(import_as_names_paren, S1, T(DelParenOpen), R(import_as_names), T(DelParenClose));
        D(one_or_more_period_or_ellipsis, RP, R(period_or_ellipsis));
        D(period_or_ellipsis, A, T(DelPeriod), T(TokenKind.Ellipsis));
        D(import_as_name, S, T(Name), O(as_name));
        D(dotted_as_name, S1, R(dotted_name), O(as_name));
        D(as_name, S1, T(KwAs), T(Name));
        D(import_as_names, LE, R(import_as_name), T(DelComma));
        D(dotted_as_names, L, R(dotted_as_name), T(DelComma));
        D(dotted_name, L, T(Name), T(DelPeriod));
        D(name_list, L, T(Name), T(DelComma));
        D(assert_stmt_extra, S1, T(DelComma), R(test));
        D(compound_stmt, A, R(if_stmt), R(while_stmt), R(for_stmt), R(try_stmt), R(with_stmt), R(funcdef), R(classdef), R(decorated), R(async_stmt));
        D(async_stmt_2, A, R(funcdef), R(with_stmt), R(for_stmt));
        D(if_stmt_elif_list, RP, R(if_stmt_elif));
        D(if_stmt_elif, S, T(KwElif), R(namedexpr_test), T(DelColon), R(suite));
        D(try_stmt_2, A, R(try_stmt_except_and_more), R(try_stmt_finally));
        D(try_stmt_except_and_more, S1, R(try_stmt_except_list), O(else_stmt), O(try_stmt_finally));
        D(try_stmt_except, S, T(KwExcept), O(try_stmt_as_name), T(DelColon), R(suite));
        D(try_stmt_as_name, S1, R(test), O(as_name));
        D(try_stmt_except_list, RP, R(try_stmt_except));
        D(try_stmt_finally, S, T(KwFinally), T(DelColon), R(suite));
        D(else_stmt, S1, T(KwElse), T(DelColon), R(suite));
        D(with_stmt_list, L, R(with_item), T(DelComma));
        D(with_item, S1, R(test), O(with_item_as));
        D(with_item_as, S1, T(KwAs), R(expr));
        D(suite, A, R(suite_block), R(simple_stmt));
        D(suite_block, S1, T(Newline), T(Indent), R(suite_block_stmts), T(Dedent));
        D(namedexpr_test_2, S1, T(OpAssign), R(test));
        D(test, A, R(lambdef), R(test_if_expr));
        D(test_if_else, S, T(KwIf), R(or_test), T(KwElse), R(test));
        D(test_nocond, A, R(lambdef_nocond), R(or_test));
        D(not_test, A, R(not_test_2), R(comparison));
        D(comp_op, A, T(OpLess), T(OpMore), T(OpDblEqual), T(OpLessEqual), T(OpMoreEqual), T(OpNotEqual), T(KwIn), R(comp_op_not_in), R(comp_op_is));
        D(comp_op_not_in, S, T(KwNot), T(KwIn));
        D(comp_op_is, S, T(KwIs), O(comp_op_is_not));
        D(comp_op_is_not, S, T(KwNot));
        D(shift_op, A, T(OpDblLess), T(OpDblMore));
        D(arith_op, A, T(OpPlus), T(OpMinus));
        D(term_op, A, T(OpStar), T(OpAt), T(OpSlash), T(OpPercent), T(OpDblSlash));
        D(factor, A, R(factor_2), R(power));
        D(factor_op, A, T(OpPlus), T(OpMinus), T(OpTilde));
        D(atom_expr, A, R(atom_expr_await), R(atom_expr_normal));
        D(atom_expr_trailers, RP, R(trailer));
        D(power_dbl_star, S1, T(OpDblStar), R(factor));
        D(atom, A, T(Name), T(Integer), T(FloatOrImag), T(TokenKind.String), T(Bytes), T(TokenKind.Ellipsis), T(KwNone), T(KwTrue), T(KwFalse),
            R(atom_paren), R(atom_bracket), R(atom_brace));
        D(atom_2b, A, R(yield_expr), R(testlist_comp));
        D(testlist_comp, S1, R(testlist_comp_2), O(testlist_comp_3));
        D(testlist_comp_2, A, R(star_expr), R(namedexpr_test));
        D(testlist_comp_3, A, R(comp_for), R(testlist_comp_3b));
        D(testlist_comp_3b, S1, T(DelComma), O(testlist_comp_3c));
        D(testlist_comp_3c, LE, R(testlist_comp_2), T(DelComma));
        D(trailer, A, R(trailer_paren), R(trailer_bracket), R(trailer_period));
        D(subscript, A, R(subscript_3), R(subscript_2));
        D(subscript_3b, A, R(subscript_3c), R(subscript_3d));
        D(subscript_3c, S, T(DelColon), O(test));
        D(subscript_3d, S1, R(test), O(sliceop));
        D(sliceop, S, T(DelColon), O(test));
        D(exprlist, LE, R(exprlist_2), T(DelComma));
        D(exprlist_2, A, R(star_expr), R(expr));
        D(dictorsetmaker, S1, R(dictorsetmaker_item), O(dictorsetmaker_tail));
        D(dictorsetmaker_tail, A, R(comp_for), R(dictorsetmaker_list));
        D(dictorsetmaker_list, S, T(DelComma), O(dictorsetmaker_list2));
        D(dictorsetmaker_list2, LE, R(dictorsetmaker_item), T(DelComma));
        D(classdef_2, S1, T(DelParenOpen), O(arglist), T(DelParenClose));
        D(arglist, LE, R(arglist_2), T(DelComma));
        D(arglist_2, A, R(arglist_star), R(arglist_dbl_star), R(argument));
        D(arglist_star, S, T(OpStar), R(test));
        D(arglist_dbl_star, S, T(OpDblStar), R(test));
        D(argument, S1, R(test), O(argument_2));
        D(argument_2, A, R(comp_for), R(generic_equal_test), R(argument_3));
        D(argument_3, S, T(OpAssign), R(test));
        D(comp_iter, A, R(comp_for), R(comp_if));
        D(comp_for, SB, T(KwFor), R(exprlist), T(KwIn), R(or_test), O(comp_iter));
        D(comp_if, S, T(KwIf), R(test_nocond), O(comp_iter));
        D(yield_arg, A, R(yield_arg_from), R(testlist));
        D(yield_arg_from, S, T(KwFrom), R(test));
        return g;
    }
}
