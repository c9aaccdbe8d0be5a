using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Mpyd.DeviceSim;
using Mpyd.DeviceSim.Hosting;

namespace Mpyd.MountDaemon.Tests.Remote;

/// <summary>
/// A simulated board on a real pseudo-terminal, published by a real ser2net on 127.0.0.1 twice:
/// raw TCP (socket://) and Telnet with RFC 2217 (rfc2217://). Readiness without polling: the last
/// connection in the config is a "conacc" accepter, which makes ser2net connect out to our probe
/// listener once it has started the connections before it.
/// </summary>
internal sealed class Ser2netBridge : IAsyncDisposable
{
    private static readonly TimeSpan s_startDeadline = TimeSpan.FromSeconds(20);

    private readonly CancellationTokenSource _stop = new();
    private readonly PseudoTerminalBoardHost _host;
    private readonly Task _boardRun;
    private readonly string _dir;
    private readonly TcpListener _probe = new(IPAddress.Loopback, 0);
    private readonly StringBuilder _log = new();
    private Process? _ser2net;
    private Socket? _probeConnection;

    private Ser2netBridge(SimulatedBoard board)
    {
        _dir = Directory.CreateTempSubdirectory("mpyd-ser2net-").FullName;
        _host = PseudoTerminalBoardHost.Open(board);
        _boardRun = _host.RunAsync(_stop.Token);
        _probe.Start();
    }

    public int RawPort { get; private set; }

    public int TelnetPort { get; private set; }

    /// <summary>"socket://127.0.0.1:PORT": ser2net's raw TCP accepter.</summary>
    public string SocketAddress => $"socket://127.0.0.1:{RawPort}";

    /// <summary>"rfc2217://127.0.0.1:PORT": ser2net's telnet(rfc2217) accepter.</summary>
    public string Rfc2217Address => $"rfc2217://127.0.0.1:{TelnetPort}";

    /// <summary>What ser2net printed so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
                return _log.ToString();
        }
    }

    /// <summary>The path of ser2net, or a failed assertion saying how to install it.</summary>
    public static string FindSer2net()
    {
        var dirs = new[] { "/usr/sbin", "/usr/local/sbin", "/sbin" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        foreach (var dir in dirs)
        {
            var path = Path.Combine(dir, "ser2net");
            if (File.Exists(path))
                return path;
        }
        Assert.Fail("ser2net is not installed, and the remote-board tests need it: install it (Debian/Ubuntu: sudo apt-get install ser2net); .ci/run does this on CI");
        return "";
    }

    public static async Task<Ser2netBridge> StartAsync(SimulatedBoard board)
    {
        var ser2net = FindSer2net();
        var bridge = new Ser2netBridge(board);
        try
        {
            await bridge.StartSer2netAsync(ser2net);
            return bridge;
        }
        catch
        {
            await bridge.DisposeAsync();
            throw;
        }
    }

    private async Task StartSer2netAsync(string executable)
    {
        RawPort = FreePort();
        TelnetPort = FreePort();
        var probePort = ((IPEndPoint)_probe.LocalEndpoint).Port;
        var device = _host.DevicePath;
        var config = Path.Combine(_dir, "ser2net.yaml");
        await File.WriteAllTextAsync(config, $"""
            connection: &raw
              accepter: tcp,127.0.0.1,{RawPort}
              connector: serialdev,{device},115200n81,local
            connection: &rfc2217
              accepter: telnet(rfc2217),tcp,127.0.0.1,{TelnetPort}
              connector: serialdev,{device},115200n81,local
            connection: &ready
              accepter: conacc,tcp,127.0.0.1,{probePort}
              connector: echo

            """);
        // -n: stay in the foreground; -d: log to stdout; -u: no UUCP lock files (a test user may not write /var/lock).
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-n", "-d", "-u", "-P", Path.Combine(_dir, "ser2net.pid"), "-c", config })
            info.ArgumentList.Add(arg);
        _ser2net = Process.Start(info) ?? throw new InvalidOperationException("could not start ser2net");
        _ser2net.OutputDataReceived += (_, e) => Append(e.Data);
        _ser2net.ErrorDataReceived += (_, e) => Append(e.Data);
        _ser2net.BeginOutputReadLine();
        _ser2net.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(s_startDeadline);
        var accept = _probe.AcceptSocketAsync(deadline.Token).AsTask();
        var exited = _ser2net.WaitForExitAsync(deadline.Token);
        var first = await Task.WhenAny(accept, exited);
        if (first == exited && !accept.IsCompleted)
            Assert.Fail($"ser2net exited at start (status {_ser2net.ExitCode}): {Log}");
        try
        {
            _probeConnection = await accept;
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"ser2net did not start its connections within {s_startDeadline.TotalSeconds} s: {Log}");
        }
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_log)
            _log.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_ser2net is { } process)
        {
            // Only the ser2net this bridge started.
            if (!process.HasExited)
                process.Kill();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
            }
            process.Dispose();
        }
        _probeConnection?.Dispose();
        _probe.Stop();
        _probe.Dispose();
        await _stop.CancelAsync();
        try
        {
            await _boardRun.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or TimeoutException)
        {
        }
        _host.Dispose();
        _stop.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
