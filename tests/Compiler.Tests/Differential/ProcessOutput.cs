namespace Mpyd.Compiler.Tests.Differential;

/// <summary>What a finished child process left: exit code and both output streams.</summary>
internal sealed record ProcessOutput(int ExitCode, string StandardOutput, string StandardError);
