namespace Mpyd.Compiler.CodeGen;

/// <summary>The compiler's passes over one scope (codegen spec 3).</summary>
internal enum Pass : byte { Scope = 1, StackSize = 2, CodeSize = 3, Emit = 4 }
