namespace Mpyd.MountDaemon.Cli;

/// <summary>One command of an mpremote-style chain ("connect sim mount . exec 'import x'"), run left to right.</summary>
internal abstract record ChainStep
{
    /// <summary>Actions end the chain without an implicit REPL (mpremote's rule).</summary>
    public virtual bool IsAction => false;
}

internal sealed record ConnectStep(string Device) : ChainStep;

/// <summary>"connect list" (shortcut "devs"): prints the serial ports; an action.</summary>
internal sealed record ConnectListStep : ChainStep
{
    public override bool IsAction => true;
}

/// <summary>Closes the connection; a later command connects again (auto soft reset re-armed).</summary>
internal sealed record DisconnectStep : ChainStep;

internal sealed record MountStep(string Directory, bool AutoMpy, bool UnsafeLinks, bool WriteMpy) : ChainStep;

internal sealed record UnmountStep : ChainStep;

internal sealed record ExecStep(string Code, bool Follow) : ChainStep
{
    public override bool IsAction => true;
}

internal sealed record EvalStep(string Expression) : ChainStep
{
    public override bool IsAction => true;
}

/// <summary>Sends a local file's text as code (never stored on the board).</summary>
internal sealed record RunStep(string File, bool Follow) : ChainStep
{
    public override bool IsAction => true;
}

internal sealed record SoftResetStep : ChainStep
{
    public override bool IsAction => true;
}

/// <summary>Do not soft-reset the board before the first action.</summary>
internal sealed record ResumeStep : ChainStep;

/// <param name="Capture">Also write what the terminal shows to this file (truncated first).</param>
/// <param name="InjectCode">Sent when the user presses Ctrl-J ("\n" sequences become CR LF).</param>
/// <param name="InjectFile">Run without waiting for output when the user presses Ctrl-K.</param>
/// <param name="EscapeNonPrintable">Show bytes outside printable ASCII as [xx].</param>
internal sealed record ReplStep(string? Capture = null, string? InjectCode = null, string? InjectFile = null, bool EscapeNonPrintable = false)
    : ChainStep
{
    public override bool IsAction => true;
}

/// <summary>
/// "fs SUB ..." and its shortcuts (ls, cat, cp, rm, mkdir, rmdir, touch, tree, sha256sum, df).
/// Paths are as typed: for cp a leading ':' marks a board path; for the others every path is a board
/// path and a leading ':' is optional. Verbose null means the sub-command's default (on except cat).
/// </summary>
internal sealed record FsStep(string Command, IReadOnlyList<string> Paths, bool Recursive = false, bool Force = false,
    bool? Verbose = null, bool Size = false, bool Human = false) : ChainStep
{
    public override bool IsAction => true;
}

/// <summary>"mip install [--target DIR] [--index URL] [--no-mpy] PACKAGE..."</summary>
internal sealed record MipStep(IReadOnlyList<string> Packages, string? Target = null, string? Index = null, bool Mpy = true) : ChainStep
{
    public override bool IsAction => true;
}

/// <summary>"sleep SECONDS": pauses the chain.</summary>
internal sealed record SleepStep(double Seconds) : ChainStep;
