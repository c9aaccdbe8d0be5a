using Mpyd.MountDaemon.Commands.Fs;
using Mpyd.MountDaemon.Tests.TestKit;

namespace Mpyd.MountDaemon.Tests.Commands.Fs;

public class ProgressBarTests
{
    [Fact]
    public void TextAsMpremoteDrawsIt()
    {
        Assert.Equal("\r ... copying   0% [--------------------]", ProgressBar.Text(0, 4096));
        Assert.Equal("\r ... copying  50% [##########----------]", ProgressBar.Text(2048, 4096));
        Assert.Equal("\r ... copying  99% [###################-]", ProgressBar.Text(4095, 4096));
        Assert.Equal("\r" + new string(' ', 40) + "\r", ProgressBar.Text(4096, 4096));
    }

    [Fact]
    public void OnlyOnATerminalAndForFilesOfAtLeast2048Bytes()
    {
        Assert.Null(ProgressBar.For(new BufferConsole { OutputIsTerminal = false }, 1 << 20));
        Assert.Null(ProgressBar.For(new BufferConsole { OutputIsTerminal = true }, 2047));
        var console = new BufferConsole { OutputIsTerminal = true };
        var bar = ProgressBar.For(console, 2048);
        Assert.NotNull(bar);
        bar.Report(1024);
        bar.Report(1024);
        bar.Report(2048);
        Assert.Equal("\r ... copying  50% [##########----------]\r" + new string(' ', 40) + "\r", console.Output);
    }
}
