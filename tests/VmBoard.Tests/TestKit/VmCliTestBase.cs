namespace Mpyd.VmBoard.Tests.TestKit;

/// <summary>A fresh VM board, a private host directory and one deadline per test, for tests that drive the real CLI.</summary>
public abstract class VmCliTestBase(string directoryPrefix, TimeSpan deadline) : IAsyncLifetime
{
    protected string HostDir { get; } = Directory.CreateTempSubdirectory(directoryPrefix).FullName;

    protected CancellationTokenSource Deadline { get; } = new(deadline);

    protected VmBoard Board { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Board = VmBoard.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Board.DisposeAsync();
        Deadline.Dispose();
        Directory.Delete(HostDir, recursive: true);
    }
}
