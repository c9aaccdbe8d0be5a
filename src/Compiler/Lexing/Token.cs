namespace Mpyd.Compiler.Lexing;

/// <summary>One token; Text holds bytes as a Latin-1 string (names, number text, decoded literal values).</summary>
internal readonly record struct Token(TokenKind Kind, int Line, int Column, string Text);
