using System.IO.Pipelines;
using System.Runtime.InteropServices;

namespace Mpyd.DeviceSim.Pty;

/// <summary>
/// A pseudo-terminal pair (Linux, macOS) that looks like a USB serial board to a client:
/// the client opens <see cref="SlavePath"/> (e.g. with System.IO.Ports.SerialPort) and reads
/// exactly the bytes written to <see cref="Master"/>; what it writes comes out of <see cref="Master"/>.
/// The slave is in raw mode (no echo, no CR/LF translation, no signals, 8-bit clean) and is
/// held open here, so clients can close and reopen it without the master seeing EIO or hang-up.
/// </summary>
/// <remarks>
/// A pty has no modem lines: SerialPort throws when DtrEnable/RtsEnable are set on it, so
/// clients must leave them alone (or catch IOException) when talking to a pseudo-terminal.
/// Bytes written while no client has the slave open wait in the kernel's buffer for the next one.
/// </remarks>
public sealed class PseudoTerminal : IDisposable
{
    private const int ReadChunk = 4096;

    private readonly int _master;
    private readonly int _slave;
    // Written once by Dispose and never drained, so every current and future poll wakes.
    private readonly int _stopRead;
    private readonly int _stopWrite;
    // Wakes a write blocked on a full buffer when its token is cancelled; drained after each wake.
    private readonly int _cancelRead;
    private readonly int _cancelWrite;
    private readonly Pipe _inbound = new(new PipeOptions(useSynchronizationContext: false));
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Thread _reader;
    private int _disposed;

    private PseudoTerminal(int master, int slave, string slavePath, (int Read, int Write) stop, (int Read, int Write) cancel)
    {
        _master = master;
        _slave = slave;
        SlavePath = slavePath;
        (_stopRead, _stopWrite) = stop;
        (_cancelRead, _cancelWrite) = cancel;
        Master = new PseudoTerminalStream(this, _inbound.Reader);
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = $"pty reader {slavePath}" };
        _reader.Start();
    }

    /// <summary>The device path a serial client opens, e.g. "/dev/pts/3".</summary>
    public string SlavePath { get; }

    /// <summary>
    /// The master side. Reads return what the client wrote (0 once disposed); writes reach the client.
    /// A write waits while the kernel buffer is full (no client reading); cancelling its token or
    /// disposing ends the wait.
    /// </summary>
    public Stream Master { get; }

    /// <summary>Opens a new pair with the slave in raw mode.</summary>
    /// <exception cref="PlatformNotSupportedException">Not Linux or macOS.</exception>
    /// <exception cref="IOException">A libc call failed.</exception>
    public static PseudoTerminal Open()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            throw new PlatformNotSupportedException("pseudo-terminals need Linux or macOS");

        var fds = new List<int>();
        try
        {
            var master = Track(fds, PtyNative.PosixOpenPt(PtyNative.ORdWr | PtyNative.ONoCtty), "posix_openpt");
            Check(PtyNative.GrantPt(master), "grantpt");
            Check(PtyNative.UnlockPt(master), "unlockpt");
            var path = SlaveName(master);
            var slave = Track(fds, PtyNative.Open(path, PtyNative.ORdWr | PtyNative.ONoCtty), "open " + path);
            MakeRaw(slave);
            SetNonBlocking(master);
            var stop = MakePipe(fds);
            var cancel = MakePipe(fds);
            return new PseudoTerminal(master, slave, path, stop, cancel);
        }
        catch
        {
            foreach (var fd in fds)
                PtyNative.Close(fd);
            throw;
        }
    }

    /// <summary>Stops the reader (Master reads then end) and closes both sides.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        WriteWakeByte(_stopWrite);
        _inbound.Writer.CancelPendingFlush();
        _reader.Join();
        // A write in progress sees the stop byte and leaves; after that nobody touches the fds.
        _writeLock.Wait();
        foreach (var fd in new[] { _master, _slave, _stopRead, _stopWrite, _cancelRead, _cancelWrite })
            PtyNative.Close(fd);
        _writeLock.Dispose();
    }

    internal async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            using var wake = cancellationToken.Register(() => WriteWakeByte(_cancelWrite));
            var done = WriteSome(data.Span);
            while (done < data.Length)
            {
                // Buffer full: wait on a thread of its own so the caller's thread is free.
                await Task.Factory.StartNew(
                    () => WaitWritable(cancellationToken), cancellationToken,
                    TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
                done += WriteSome(data.Span[done..]);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    internal void Write(ReadOnlySpan<byte> data)
    {
        _writeLock.Wait();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            var done = WriteSome(data);
            while (done < data.Length)
            {
                WaitWritable(CancellationToken.None);
                done += WriteSome(data[done..]);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    // Writes what the kernel takes now (the master is non-blocking).
    private unsafe int WriteSome(ReadOnlySpan<byte> data)
    {
        fixed (byte* start = data)
        {
            var done = 0;
            while (done < data.Length)
            {
                var n = PtyNative.Write(_master, start + done, data.Length - done);
                if (n > 0)
                {
                    done += (int)n;
                    continue;
                }
                var errno = PtyNative.Errno;
                if (n < 0 && errno == PtyNative.EIntr)
                    continue;
                if (n < 0 && errno != PtyNative.EAgain)
                    throw PtyNative.Failure("write to pty master");
                break;
            }
            return done;
        }
    }

    // Waits until the buffer drains, the token is cancelled, or we are disposed.
    private void WaitWritable(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var woke = WaitFor(_master, PtyNative.PollOut, _cancelRead);
            if (_disposed != 0)
                throw new ObjectDisposedException(nameof(PseudoTerminal));
            if (woke != Wake.Cancel)
                return;
            // Possibly a late byte from an earlier write's token: drain and look again.
            DrainWakeBytes(_cancelRead);
        }
    }

    private unsafe void ReadLoop()
    {
        var writer = _inbound.Writer;
        try
        {
            while (true)
            {
                var woke = WaitFor(_master, PtyNative.PollIn, -1);
                if (woke == Wake.Stop)
                    break;
                var span = writer.GetSpan(ReadChunk);
                nint n;
                fixed (byte* p = span)
                    n = PtyNative.Read(_master, p, span.Length);
                if (n < 0)
                {
                    var errno = PtyNative.Errno;
                    if (errno == PtyNative.EAgain || errno == PtyNative.EIntr)
                        continue;
                    throw PtyNative.Failure("read from pty master");
                }
                if (n == 0)
                    break;
                writer.Advance((int)n);
                var flushed = writer.FlushAsync().AsTask().GetAwaiter().GetResult();
                if (flushed.IsCanceled || flushed.IsCompleted)
                    break;
            }
            writer.Complete();
        }
        catch (Exception ex)
        {
            writer.Complete(ex);
        }
    }

    private enum Wake { Ready, Stop, Cancel }

    // Blocks in poll(2) until fd is ready for `events`, the stop pipe fires, or (if given) the cancel pipe fires.
    private unsafe Wake WaitFor(int fd, short events, int cancelFd)
    {
        var fds = stackalloc PtyNative.PollFd[3];
        fds[0] = new PtyNative.PollFd { Fd = fd, Events = events };
        fds[1] = new PtyNative.PollFd { Fd = _stopRead, Events = PtyNative.PollIn };
        fds[2] = new PtyNative.PollFd { Fd = cancelFd, Events = PtyNative.PollIn };
        var count = cancelFd >= 0 ? 3u : 2u;
        while (true)
        {
            var r = PtyNative.Poll(fds, count, -1);
            if (r < 0)
            {
                if (PtyNative.Errno == PtyNative.EIntr)
                    continue;
                throw PtyNative.Failure("poll");
            }
            if (fds[1].REvents != 0)
                return Wake.Stop;
            if (count == 3 && fds[2].REvents != 0)
                return Wake.Cancel;
            if (fds[0].REvents != 0)
                return Wake.Ready;
        }
    }

    private static unsafe void WriteWakeByte(int fd)
    {
        byte b = 1;
        PtyNative.Write(fd, &b, 1);
    }

    private static unsafe void DrainWakeBytes(int fd)
    {
        var buf = stackalloc byte[64];
        PtyNative.Read(fd, buf, 64);
    }

    private static unsafe string SlaveName(int master)
    {
        var buf = stackalloc byte[256];
        try
        {
            if (PtyNative.PtsNameR(master, buf, 256) == 0)
                return Marshal.PtrToStringUTF8((nint)buf)!;
            throw PtyNative.Failure("ptsname_r");
        }
        catch (EntryPointNotFoundException)
        {
            // Older macOS has only ptsname(3); its static buffer is read at once.
            var p = PtyNative.PtsName(master);
            if (p == 0)
                throw PtyNative.Failure("ptsname");
            return Marshal.PtrToStringUTF8(p)!;
        }
    }

    private static unsafe void MakeRaw(int fd)
    {
        var termios = stackalloc byte[PtyNative.TermiosBufferSize];
        Check(PtyNative.TcGetAttr(fd, termios), "tcgetattr");
        PtyNative.CfMakeRaw(termios);
        Check(PtyNative.TcSetAttr(fd, PtyNative.TcsaNow, termios), "tcsetattr");
    }

    private static void SetNonBlocking(int fd)
    {
        var flags = PtyNative.Fcntl(fd, PtyNative.FGetFl, 0);
        Check(flags, "fcntl(F_GETFL)");
        Check(PtyNative.Fcntl(fd, PtyNative.FSetFl, flags | PtyNative.ONonBlock), "fcntl(F_SETFL)");
    }

    private static unsafe (int Read, int Write) MakePipe(List<int> fds)
    {
        var pair = stackalloc int[2];
        Check(PtyNative.Pipe(pair), "pipe");
        fds.Add(pair[0]);
        fds.Add(pair[1]);
        SetNonBlocking(pair[0]);
        SetNonBlocking(pair[1]);
        return (pair[0], pair[1]);
    }

    private static int Track(List<int> fds, int fd, string call)
    {
        if (fd < 0)
            throw PtyNative.Failure(call);
        fds.Add(fd);
        return fd;
    }

    private static void Check(int result, string call)
    {
        if (result < 0)
            throw PtyNative.Failure(call);
    }
}
