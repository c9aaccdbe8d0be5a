namespace Mpyd.Compiler.Parsing;

/// <summary>Grammar rule numbers (frontend spec 2.3); they are the node kinds of the syntax tree.</summary>
internal enum RuleId : byte
{
    file_input, file_input_2, decorated, funcdef, simple_stmt_2, expr_stmt, testlist_star_expr, del_stmt,
    pass_stmt, break_stmt, continue_stmt, return_stmt, yield_stmt, raise_stmt, import_name, import_from,
    global_stmt, nonlocal_stmt, assert_stmt, async_stmt, if_stmt, while_stmt, for_stmt, try_stmt, with_stmt,
    suite_block_stmts, namedexpr_test, test_if_expr, lambdef, lambdef_nocond, or_test, and_test, not_test_2,
    comparison, star_expr, expr, xor_expr, and_expr, shift_expr, arith_expr, term, factor_2, power,
    atom_expr_await, atom_expr_normal, atom_paren, atom_bracket, atom_brace, trailer_paren, trailer_bracket,
    trailer_period, subscriptlist, subscript_2, subscript_3, testlist, dictorsetmaker_item, classdef,
    yield_expr, const_object,
    generic_colon_test, generic_equal_test, single_input, file_input_3, eval_input, eval_input_2, decorator,
    decorators, decorated_body, async_funcdef, funcdefrettype, typedargslist, typedargslist_item,
    typedargslist_name, typedargslist_star, typedargslist_dbl_star, tfpdef, varargslist, varargslist_item,
    varargslist_name, varargslist_star, varargslist_dbl_star, vfpdef, stmt, simple_stmt, small_stmt,
    expr_stmt_2, expr_stmt_augassign, expr_stmt_assign_list, expr_stmt_assign, expr_stmt_6,
    testlist_star_expr_2, annassign, augassign, flow_stmt, raise_stmt_arg, raise_stmt_from, import_stmt,
    import_from_2, import_from_2b, import_from_3, import_as_names_paren, one_or_more_period_or_ellipsis,
    period_or_ellipsis, import_as_name, dotted_as_name, as_name, import_as_names, dotted_as_names,
    dotted_name, name_list, assert_stmt_extra, compound_stmt, async_stmt_2, if_stmt_elif_list, if_stmt_elif,
    try_stmt_2, try_stmt_except_and_more, try_stmt_except, try_stmt_as_name, try_stmt_except_list,
    try_stmt_finally, else_stmt, with_stmt_list, with_item, with_item_as, suite, suite_block,
    namedexpr_test_2, test, test_if_else, test_nocond, not_test, comp_op, comp_op_not_in, comp_op_is,
    comp_op_is_not, shift_op, arith_op, term_op, factor, factor_op, atom_expr, atom_expr_trailers,
    power_dbl_star, atom, atom_2b, testlist_comp, testlist_comp_2, testlist_comp_3, testlist_comp_3b,
    testlist_comp_3c, trailer, subscript, subscript_3b, subscript_3c, subscript_3d, sliceop, exprlist,
    exprlist_2, dictorsetmaker, dictorsetmaker_tail, dictorsetmaker_list, dictorsetmaker_list2, classdef_2,
    arglist, arglist_2, arglist_star, arglist_dbl_star, argument, argument_2, argument_3, comp_iter,
    comp_for, comp_if, yield_arg, yield_arg_from,
}
