// Entry point; the command line is parsed in Cli/ (being built).
Console.Error.WriteLine("mpyd: not built yet");
return 2;
