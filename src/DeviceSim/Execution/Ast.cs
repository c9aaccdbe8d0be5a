namespace Mpyd.DeviceSim.Execution;

// The statement and expression forms the simulated board can run.

internal abstract record Stmt(int Line, string Text);

internal sealed record ImportStmt(int Line, string Text, IReadOnlyList<(string Name, string? As)> Names) : Stmt(Line, Text);

internal sealed record FromImportStmt(int Line, string Text, string Module, IReadOnlyList<(string Name, string? As)> Names) : Stmt(Line, Text);

internal sealed record AssignStmt(int Line, string Text, string Target, Expr Value) : Stmt(Line, Text);

internal sealed record ExprStmt(int Line, string Text, Expr Value) : Stmt(Line, Text);

internal sealed record RaiseStmt(int Line, string Text, Expr? Exception) : Stmt(Line, Text);

internal sealed record PassStmt(int Line, string Text) : Stmt(Line, Text);

/// <summary>Valid-looking Python outside the subset: raises NotImplementedError when reached.</summary>
internal sealed record UnsupportedStmt(int Line, string Text) : Stmt(Line, Text);

internal abstract record Expr;

internal sealed record ConstExpr(object? Value) : Expr;

internal sealed record NameExpr(string Name) : Expr;

internal sealed record AttrExpr(Expr Target, string Name) : Expr;

internal sealed record CallExpr(Expr Function, IReadOnlyList<Expr> Args, IReadOnlyList<(string Name, Expr Value)> Kwargs) : Expr;

internal sealed record ListExpr(IReadOnlyList<Expr> Items) : Expr;

internal sealed record TupleExpr(IReadOnlyList<Expr> Items) : Expr;

internal sealed record IndexExpr(Expr Target, Expr Index) : Expr;

internal sealed record BinaryExpr(string Op, Expr Left, Expr Right) : Expr;

internal sealed record UnaryExpr(string Op, Expr Operand) : Expr;
