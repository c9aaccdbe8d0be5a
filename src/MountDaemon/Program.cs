using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mpyd.MountDaemon.Cli;
using Mpyd.MountDaemon.Hosting;

// mpyd's entry point: commands that need no board are answered here; a board command chain
// runs in a Microsoft.Extensions.Hosting host whose hosted service owns the connection.
var verbose = args.Length > 0 && args[0] is "--verbose" or "-v";
if (verbose)
    args = args[1..];

try
{
    switch (args.FirstOrDefault())
    {
        case "help" or "--help" or "-h":
            Console.Out.Write(HelpText.Usage);
            return ExitCodes.Success;
        case "version" or "--version":
            Console.Out.WriteLine($"mpyd {VersionInfo.Version}");
            return ExitCodes.Success;
        case "sim":
            return await SimCommand.RunAsync(args[1..], Console.Out, ConsoleCancellation.Token);
        case "compile":
            return await CompileCommand.RunAsync(args[1..], Console.Out, Console.Error, ConsoleCancellation.Token);
    }

    var steps = ChainParser.Parse(args);
    var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
    // Defaults, then the user's config file, then MPYD_ environment variables.
    builder.Configuration.AddJsonFile(UserConfig.Path, optional: true, reloadOnChange: false);
    builder.Configuration.AddEnvironmentVariables("MPYD_");
    builder.Services.AddOptions<MountSettings>().Bind(builder.Configuration).Validate(s =>
    {
        s.Validate();
        return true;
    });
    // Logs go to stderr, warnings only; --verbose shows every mount request.
    builder.Logging.AddSimpleConsole(o => o.SingleLine = true)
        .AddFilter((category, level) => level >= (verbose && category?.StartsWith("Mpyd.", StringComparison.Ordinal) == true
            ? LogLevel.Debug
            : LogLevel.Warning));
    builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    builder.Services.AddSingleton(new ChainRequest(steps, Console.OpenStandardInput(), verbose));
    builder.Services.AddSingleton<IBoardConsole, StandardConsole>();
    builder.Services.AddSingleton<ExitStatus>();
    builder.Services.AddHostedService<ChainHostedService>();
    var host = builder.Build();
    var exitStatus = host.Services.GetRequiredService<ExitStatus>();
    await host.RunAsync(ConsoleCancellation.Token); // disposes the host
    return exitStatus.Code;
}
catch (Exception e)
{
    return ErrorReporter.Report(e, Console.Error, verbose);
}
