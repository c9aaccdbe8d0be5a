namespace Mpyd.MountDaemon.Cli;

internal static class HelpText
{
    public const string Usage = """
        mpyd - mount a host directory on a MicroPython board, compile imports on the host

        usage: mpyd [connect DEVICE] [resume] mount [options] DIR [exec CODE | eval EXPR | run FILE | repl]
               mpyd [connect DEVICE] exec CODE | eval EXPR | run FILE | soft-reset | repl
               mpyd sim [--pty] [--tcp PORT] [--link usb|uart|none]
               mpyd compile FILE.py... [-o OUT] [-O N] [-s NAME] [-march ARCH]
               mpyd version | help

        DEVICE   a serial port (/dev/ttyACM0, COM3, a pseudo-terminal), port:PATH,
                 socket://HOST:PORT, or sim (the built-in simulated board).
                 Without connect: the first USB serial port that answers as MicroPython.

        mount options (before or after DIR):
          --no-auto-mpy    serve .py sources as they are (default: compile on the host, serve .mpy)
          --unsafe-links   follow symlinks that lead outside DIR (default: refused)
          --write-mpy      also write the compiled X.mpy beside X.py

        Commands run left to right in one connection. Without exec/eval/run the chain ends in the
        board's REPL; Ctrl-] or Ctrl-x leaves it.
        """;
}
