namespace Mpyd.MountDaemon.Cli;

internal static partial class HelpText
{
    private static readonly Dictionary<string, string> s_commands = new(StringComparer.Ordinal)
    {
        ["connect"] = """
            usage: mpyd connect DEVICE
              auto                 the first USB serial port that can be opened (the default)
              list                 print the serial ports: port, serial number, VID:PID, manufacturer, product
              sim                  the built-in simulated board
              /dev/ttyACM0, COM3   a serial port (also port:PATH)
              id:SERIAL            the USB port with this serial number (see 'connect list')
              socket://HOST:PORT   a board behind a raw TCP port (e.g. ser2net)
              rfc2217://HOST:PORT  a board behind an RFC 2217 (telnet com-port) server
            shortcuts: a0..a3 = /dev/ttyACM0..3, u0..u3 = /dev/ttyUSB0..3, c0..c3 = COM0..3, devs = connect list
            """,
        ["disconnect"] = "usage: mpyd disconnect\n  close the connection; the next command connects again (and soft-resets)\n",
        ["resume"] = "usage: mpyd resume\n  do not soft-reset the board before the first command (inspect a running program)\n",
        ["soft-reset"] = "usage: mpyd soft-reset\n  Ctrl-C, raw REPL, Ctrl-D; an active mount comes back\n",
        ["mount"] = """
            usage: mpyd mount [options] DIR
              serve host directory DIR on the board at /remote (the board's cwd becomes /remote)
              --no-auto-mpy    serve .py sources as they are (default: compile on the host, serve .mpy)
              --unsafe-links   follow symlinks that lead outside DIR (default: refused)
              --write-mpy      also write the compiled X.mpy beside X.py
            """,
        ["umount"] = "usage: mpyd umount\n  remove the mount; files the board left open are committed\n",
        ["exec"] = "usage: mpyd exec [--no-follow] CODE\n  run CODE on the board; its output streams to stdout; a board exception exits 1\n",
        ["eval"] = "usage: mpyd eval EXPR\n  print str() of EXPR evaluated on the board\n",
        ["run"] = "usage: mpyd run [--no-follow] FILE\n  run a host file on the board without storing it there\n",
        ["repl"] = """
            usage: mpyd repl [--capture FILE] [--inject-code CODE] [--inject-file FILE] [-e]
              the board's REPL; Ctrl-] or Ctrl-x leaves; Ctrl-C and Ctrl-D go to the board
              --capture FILE        also write what the terminal shows to FILE
              --inject-code CODE    Ctrl-J sends CODE ("\n" in it becomes a new line)
              --inject-file FILE    Ctrl-K runs FILE on the board
              -e, --escape-non-printable   show other bytes as [xx]
            """,
        ["fs"] = """
            usage: mpyd fs SUB [options] PATH... [+]
              ls [:DIR...]            list directories (size, name, '/' for directories)
              cat :FILE...            print files
              cp [-r] [-f] SRC... DST copy; ':' marks a board path (board<->host, board<->board)
              rm [-r] :PATH...        remove files (-r: trees)
              mkdir / rmdir :DIR...   make / remove directories
              touch :FILE...          create files
              sha256sum :FILE...      print SHA-256 digests (also sha1sum, md5sum where the board has them)
              tree [-s|-h] [:DIR...]  recursive listing (-s sizes, -h human sizes)
              df                      size, used and free space of every filesystem
            options: -r/--recursive, -f/--force (cp: copy even when the hashes match),
                     -v/--verbose, --no-verbose
            shortcuts: ls, cat, cp, rm, mkdir, rmdir, touch, tree, sha256sum, df = fs ...
            The paths end at a lone '+', after which more commands may follow.
            """,
        ["mip"] = """
            usage: mpyd mip install [--target DIR] [--index URL] [--no-mpy] PACKAGE... [+]
              PACKAGE: NAME[@VERSION] from the index (micropython-lib), github:ORG/REPO[/PATH][@REF],
                       gitlab:ORG/REPO[/PATH][@REF], a URL to a .py/.mpy file or a package.json
              --target DIR   install into DIR (default: the first /lib entry of sys.path)
              --index URL    the package index (default https://micropython.org/pi/v2)
              --no-mpy       install .py sources instead of the index's .mpy files
            """,
        ["sleep"] = "usage: mpyd sleep SECONDS\n  pause the chain (fractions allowed)\n",
        ["sim"] = """
            usage: mpyd sim [--pty] [--tcp PORT] [--link usb|uart|none]
              run the simulated board until Ctrl-C; prints the device to connect to
            """,
        ["compile"] = """
            usage: mpyd compile FILE.py... [-o OUT] [-O N] [-s NAME] [-march ARCH] [-msmall-int-bits N]
                   mpyd compile --dis FILE
              compile MicroPython source to .mpy v6, byte-identical with mpy-cross v1.28.0
            """,
        ["help"] = "usage: mpyd help [COMMAND]\n",
        ["version"] = "usage: mpyd version\n",
    };
}
