using System.Text;
using Mpyd.MountDaemon.Hosting;

namespace Mpyd.MountDaemon.Tests.Hosting;

public class SoftRebootDetectorTests
{
    private const string FriendlyReboot = "\r\nMPY: soft reboot\r\nboot output\r\nMicroPython v1.28.0 on 2026-04-06; sim\r\nType \"help()\" for more information.\r\n>>> ";
    private const string RawReboot = "OK\r\nMPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>";

    [Theory]
    [InlineData(FriendlyReboot, false)]
    [InlineData(RawReboot, true)]
    public void Sees_reboot_and_prompt_in_any_cut(string text, bool raw)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        var random = new Random(1234);
        for (var trial = 0; trial < 50; trial++)
        {
            var detector = new SoftRebootDetector();
            var events = new List<SoftRebootDetector.Event>();
            for (var at = 0; at < bytes.Length;)
            {
                var take = Math.Min(bytes.Length - at, trial == 0 ? 1 : random.Next(1, 12));
                var e = detector.Feed(bytes.AsSpan(at, take));
                if (e != SoftRebootDetector.Event.None)
                    events.Add(e);
                at += take;
            }
            Assert.Equal(SoftRebootDetector.Event.RebootCompleted, events[^1]);
            Assert.Equal(raw, detector.CameBackRaw);
            Assert.Equal(SoftRebootDetector.State.Running, detector.Current);
        }
    }

    [Fact]
    public void A_prompt_without_a_reboot_is_not_a_reboot()
    {
        var detector = new SoftRebootDetector();
        Assert.Equal(SoftRebootDetector.Event.None, detector.Feed("print(1)\r\n1\r\n>>> "u8));
    }

    [Fact]
    public void A_reboot_into_a_blocking_main_py_stays_pending()
    {
        var detector = new SoftRebootDetector();
        Assert.Equal(SoftRebootDetector.Event.RebootStarted, detector.Feed("MPY: soft reboot\r\nmain.py running forever\r\n"u8));
        Assert.Equal(SoftRebootDetector.State.Rebooting, detector.Current);
    }
}
