using Mpyd.Compiler;
using Mpyd.Compiler.Cache;
using Mpyd.MountDaemon.Serving;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.MountDaemon.Tests.Serving;

/// <summary>OPEN_READ (mpyd extension): OPEN "rb" and the first READ in one request, with the same checks.</summary>
public sealed class FileServerOpenReadTests : FileServerTestBase
{

    [Fact]
    public async Task A_small_file_comes_whole_with_its_fd()
    {
        Dir.Write("m.py", "x = 1\n");
        var reply = Assert.IsType<OpenReadReply>(await Send(new OpenReadRequest("/m.py", 2048)));
        Assert.Equal("x = 1\n"u8.ToArray(), reply.Data);
        Assert.Equal(1, Server.OpenFileCount);
        // Short data means the whole file; the fd stays open until CLOSE.
        Assert.Equal(NoReply.Instance, await Send(new CloseRequest(reply.Fd)));
        Assert.Equal(0, Server.OpenFileCount);
    }

    [Fact]
    public async Task A_larger_file_continues_with_reads_on_the_same_fd()
    {
        var data = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        Dir.Write("big.bin", data);
        var first = Assert.IsType<OpenReadReply>(await Send(new OpenReadRequest("/big.bin", 2048)));
        Assert.Equal(data[..2048], first.Data);
        var rest = Assert.IsType<DataReply>(await Send(new ReadRequest(first.Fd, -1)));
        Assert.Equal(data[2048..], rest.Data);
        await Send(new CloseRequest(first.Fd));
    }

    [Fact]
    public async Task Errors_are_the_negative_errno_of_open_and_no_fd_is_left_open()
    {
        Directory.CreateDirectory(Dir.Combine("d"));
        Assert.Equal(new StatusReply(-(int)Errno.ENOENT), await Send(new OpenReadRequest("/none.py", 2048)));
        Assert.Equal(new StatusReply(-(int)Errno.EISDIR), await Send(new OpenReadRequest("/d", 2048)));
        Assert.Equal(new StatusReply(-(int)Errno.EPERM), await Send(new OpenReadRequest("/../outside", 2048)));
        Assert.Equal(0, Server.OpenFileCount);
    }

    [Fact]
    public async Task A_file_being_written_is_read_from_its_staged_data()
    {
        var w = Assert.IsType<StatusReply>(await Send(new OpenRequest("/new.txt", "wb"))).Value;
        Assert.Equal(new StatusReply(5), await Send(new WriteRequest(w, "hello"u8.ToArray())));
        var reply = Assert.IsType<OpenReadReply>(await Send(new OpenReadRequest("/new.txt", 16)));
        Assert.Equal("hello"u8.ToArray(), reply.Data);
    }

    [Fact]
    public async Task Auto_mpy_serves_the_compiled_module_for_the_mpy_name()
    {
        using var cacheDir = new TempDirectory();
        var compiler = new StubMpyCompiler();
        using var cache = new CompileCache(compiler, new CompileCacheOptions { Directory = cacheDir.Path });
        var options = new AutoMpyOptions { Enabled = true, CompileOptions = new CompileOptions(OptimizationLevel: 2) };
        await using var server = new FileServer(new MountRoot(Dir.Path), new AutoMpyInterceptor(options, cache));
        Dir.Write("mod.py", "x = 1\n");
        var reply = Assert.IsType<OpenReadReply>(await server.HandleAsync(new OpenReadRequest("/mod.mpy", 2048), CancellationToken.None));
        Assert.Equal(StubMpyCompiler.Expected("mod.py", new CompileOptions(OptimizationLevel: 2), "x = 1\n"), reply.Data);
    }
}
