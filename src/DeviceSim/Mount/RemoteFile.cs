using Mpyd.DeviceSim.Execution;
using Mpyd.DeviceSim.FileSystem;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.DeviceSim.Mount;

/// <summary>
/// An open file on the mount (_MpydFile): binary read-only files read ahead <c>ahead</c> bytes per
/// READ and treat a short reply as end of file; other files send one request per call.
/// </summary>
internal sealed class RemoteFile(MountClient client, int fd, int ahead) : IVfsFile
{
    private readonly byte[]? _buf = ahead > 0 ? new byte[ahead] : null;
    private int _fd = fd;
    private int _pos;
    private int _end;
    private bool _eof;

    private void CheckOpen()
    {
        if (_fd < 0)
            throw PyException.OSError((int)Errno.EBADF);
    }

    private async ValueTask<RemoteFsReply> RequestAsync(RemoteFsRequest request, CancellationToken ct)
    {
        CheckOpen();
        return await client.RequestAsync(request, ct).ConfigureAwait(false);
    }

    private async ValueTask FillAsync(CancellationToken ct) =>
        Take(((DataReply)await RequestAsync(new ReadRequest(_fd, _buf!.Length), ct).ConfigureAwait(false)).Data);

    // _take: a read-ahead reply (READ or OPEN_READ) becomes the buffer; short means end of file.
    internal void Take(byte[] data)
    {
        var got = Math.Min(data.Length, _buf!.Length);
        data.AsSpan(0, got).CopyTo(_buf);
        _pos = 0;
        _end = got;
        _eof = got < _buf.Length;
    }

    private async ValueTask<byte[]> ReadDirectAsync(int n, CancellationToken ct) =>
        ((DataReply)await RequestAsync(new ReadRequest(_fd, n), ct).ConfigureAwait(false)).Data;

    public async ValueTask<byte[]> ReadIntoAsync(int count, CancellationToken cancellationToken)
    {
        if (_buf is null)
            return await ReadDirectAsync(count, cancellationToken).ConfigureAwait(false);
        var result = new List<byte>(count);
        while (result.Count < count)
        {
            if (_pos == _end)
            {
                if (_eof)
                    break;
                await FillAsync(cancellationToken).ConfigureAwait(false);
                if (_end == 0)
                    break;
            }
            var k = Math.Min(count - result.Count, _end - _pos);
            result.AddRange(_buf.AsSpan(_pos, k));
            _pos += k;
        }
        return [.. result];
    }

    public async ValueTask<byte[]> ReadAsync(int count, CancellationToken cancellationToken)
    {
        if (_buf is null)
            return await ReadDirectAsync(count, cancellationToken).ConfigureAwait(false);
        var output = _buf.AsSpan(_pos, _end - _pos).ToArray();
        if (count < 0)
        {
            _pos = _end;
            if (!_eof)
            {
                output = [.. output, .. await ReadDirectAsync(-1, cancellationToken).ConfigureAwait(false)];
                _eof = true;
            }
            return output;
        }
        if (output.Length >= count)
        {
            _pos += count;
            return output[..count];
        }
        _pos = _end;
        if (!_eof)
        {
            var rest = count - output.Length;
            if (rest >= _buf.Length)
            {
                var d = await ReadDirectAsync(rest, cancellationToken).ConfigureAwait(false);
                _eof = d.Length < rest;
                return [.. output, .. d];
            }
            await FillAsync(cancellationToken).ConfigureAwait(false);
            var k = Math.Min(rest, _end);
            _pos = k;
            output = [.. output, .. _buf.AsSpan(0, k)];
        }
        return output;
    }

    public async ValueTask<byte[]> ReadLineAsync(CancellationToken cancellationToken)
    {
        if (_buf is null)
            return ((DataReply)await RequestAsync(new ReadLineRequest(_fd), cancellationToken).ConfigureAwait(false)).Data;
        var output = new List<byte>();
        while (true)
        {
            if (_pos == _end)
            {
                if (_eof)
                    return [.. output];
                await FillAsync(cancellationToken).ConfigureAwait(false);
                if (_end == 0)
                    return [.. output];
            }
            var i = Array.IndexOf(_buf, (byte)'\n', _pos, _end - _pos);
            if (i >= 0)
            {
                output.AddRange(_buf.AsSpan(_pos, i + 1 - _pos));
                _pos = i + 1;
                return [.. output];
            }
            output.AddRange(_buf.AsSpan(_pos, _end - _pos));
            _pos = _end;
        }
    }

    public async ValueTask<int> WriteAsync(byte[] data, CancellationToken cancellationToken)
    {
        var n = ((StatusReply)await RequestAsync(new WriteRequest(_fd, data), cancellationToken).ConfigureAwait(false)).Value;
        if (n < 0)
            throw PyException.OSError(-n);
        return n;
    }

    public async ValueTask<long> SeekAsync(long offset, int whence, CancellationToken cancellationToken)
    {
        if (_buf is not null)
        {
            if (whence == 1)
                offset -= _end - _pos;
            _pos = _end = 0;
            _eof = false;
        }
        var n = ((StatusReply)await RequestAsync(new SeekRequest(_fd, checked((int)offset), whence), cancellationToken).ConfigureAwait(false)).Value;
        if (n < 0)
            throw PyException.OSError(n < -1 ? -n : (int)Errno.EINVAL);
        return n;
    }

    public ValueTask<long> TellAsync(CancellationToken cancellationToken) => SeekAsync(0, 1, cancellationToken);

    public async ValueTask CloseAsync(CancellationToken cancellationToken)
    {
        if (_fd >= 0)
        {
            await RequestAsync(new CloseRequest(_fd), cancellationToken).ConfigureAwait(false);
            _fd = -1;
        }
    }
}
