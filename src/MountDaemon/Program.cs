using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mpyd.MountDaemon.Cli;
using Mpyd.MountDaemon.Cli.Shortcuts;
using Mpyd.MountDaemon.Hosting;

// mpyd's entry point: commands that need no board are answered here; a board command chain
// runs in a Microsoft.Extensions.Hosting host whose hosted service owns the connection.
var verbose = args.Length > 0 && args[0] is "--verbose" or "-v";
if (verbose)
    args = args[1..];

ShortcutTable shortcuts = ShortcutTable.BuiltIn;
try
{
    switch (args.FirstOrDefault())
    {
        case "sim" when args.Length < 2 || args[1] is not ("--help" or "-h"):
            return await SimCommand.RunAsync(args[1..], Console.Out, ConsoleCancellation.Token);
        case "compile" when args.Length < 2 || args[1] is not ("--help" or "-h"):
            return await CompileCommand.RunAsync(args[1..], Console.Out, Console.Error, ConsoleCancellation.Token);
        case "sim" or "compile":
            throw new HelpRequestedException(args[0]);
    }

    shortcuts = ShortcutTable.BuiltIn.With(
        UserShortcuts.Load(UserConfig.Path, UserShortcuts.MpremoteConfigPath, warning => Console.Error.WriteLine($"mpyd: warning: {warning}")));
    var steps = ChainParser.Parse(args, shortcuts);
    var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
    // Defaults, then the user's config file, then MPYD_ environment variables.
    try
    {
        builder.Configuration.AddJsonFile(UserConfig.Path, optional: true, reloadOnChange: false);
        builder.Configuration.AddEnvironmentVariables("MPYD_");
        // Checked here so a bad value is one line before anything connects.
        (builder.Configuration.Get<MountSettings>() ?? new MountSettings()).Validate();
    }
    catch (InvalidDataException e)
    {
        throw new SettingsException($"{UserConfig.Path} is not valid JSON: {e.InnerException?.Message ?? e.Message}");
    }
    catch (InvalidOperationException e)
    {
        throw new SettingsException(e.Message);
    }
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
catch (HelpRequestedException help)
{
    var text = help.Command is null ? HelpText.Overview(shortcuts) : HelpText.For(help.Command, shortcuts);
    if (text is null)
        return ErrorReporter.Report(new UsageException($"help: no command '{help.Command}'", "run 'mpyd help' for the commands"), Console.Error, verbose);
    Console.Out.Write(text);
    return ExitCodes.Success;
}
catch (VersionRequestedException)
{
    Console.Out.WriteLine($"mpyd {VersionInfo.Version}");
    return ExitCodes.Success;
}
catch (Exception e)
{
    return ErrorReporter.Report(e, Console.Error, verbose);
}
