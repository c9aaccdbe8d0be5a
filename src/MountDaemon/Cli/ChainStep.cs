namespace Mpyd.MountDaemon.Cli;

/// <summary>One command of an mpremote-style chain ("connect sim mount . exec 'import x'"), run left to right.</summary>
internal abstract record ChainStep
{
    /// <summary>Actions end the chain without an implicit REPL (mpremote's rule).</summary>
    public virtual bool IsAction => false;
}

internal sealed record ConnectStep(string Device) : ChainStep;

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

internal sealed record ReplStep : ChainStep
{
    public override bool IsAction => true;
}
