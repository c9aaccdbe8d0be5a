namespace Mpyd.Compiler.Lexing;

/// <summary>Token kinds, in the reference tokenizer's order (frontend spec 1.4); operator order matters for folding.</summary>
internal enum TokenKind : byte
{
    End, Invalid, DedentMismatch, LonelyStringOpen, MalformedFString,
    Newline, Indent, Dedent, Name, Integer, FloatOrImag, String, Bytes, Ellipsis,
    KwFalse, KwNone, KwTrue, KwDebug, KwAnd, KwAs, KwAssert, KwAsync, KwAwait, KwBreak, KwClass,
    KwContinue, KwDef, KwDel, KwElif, KwElse, KwExcept, KwFinally, KwFor, KwFrom, KwGlobal, KwIf,
    KwImport, KwIn, KwIs, KwLambda, KwNonlocal, KwNot, KwOr, KwPass, KwRaise, KwReturn, KwTry,
    KwWhile, KwWith, KwYield,
    OpAssign, OpTilde,
    OpLess, OpMore, OpDblEqual, OpLessEqual, OpMoreEqual, OpNotEqual,
    OpPipe, OpCaret, OpAmpersand, OpDblLess, OpDblMore, OpPlus, OpMinus, OpStar, OpAt, OpDblSlash,
    OpSlash, OpPercent, OpDblStar,
    DelPipeEqual, DelCaretEqual, DelAmpersandEqual, DelDblLessEqual, DelDblMoreEqual, DelPlusEqual,
    DelMinusEqual, DelStarEqual, DelAtEqual, DelDblSlashEqual, DelSlashEqual, DelPercentEqual,
    DelDblStarEqual,
    DelParenOpen, DelParenClose, DelBracketOpen, DelBracketClose, DelBraceOpen, DelBraceClose,
    DelComma, DelColon, DelPeriod, DelSemicolon, DelEqual, DelMinusMore,
}
