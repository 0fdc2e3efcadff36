using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Roughneck.Ssh;
using Roughneck.Targets;

namespace Roughneck.Operator;

/// <summary>
/// Tunnel: forwards a local port to code-server on the machine (127.0.0.1:10080 there) over the
/// pinned SSH connection and stays in the foreground until Ctrl-C; --print prints the command.
/// </summary>
public static class TunnelStep
{
    public const int RemotePort = 10080;

    public static void Run(Session s)
    {
        var (_, target) = Machine.Of(s);
        if (!s.Spec.FeatureOn("code_server"))
        {
            throw new InvalidOperationException($"deployment '{s.Spec.Name}' has features.code_server off: there is nothing to tunnel to");
        }
        var localPort = s.Arguments.Port > 0 ? s.Arguments.Port : FreePort(RemotePort);
        var arguments = Arguments(target, localPort);
        if (s.Arguments.Print)
        {
            Console.WriteLine(Command(arguments));
            return;
        }
        s.Log.Info($"Tunnel: http://127.0.0.1:{localPort}/ is code-server on {s.Spec.Name} ({target.Address}); Ctrl-C closes it.");
        s.Log.Info($"Tunnel: its password: {PasswordCommand(target)}");
        var start = new ProcessStartInfo("ssh") { UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start ssh");
        process.WaitForExit();
        if (process.ExitCode is not (0 or 130))
        {
            throw new InvalidOperationException($"the tunnel ended with ssh exit {process.ExitCode}; is the machine up? ./build.sh --target=List --live");
        }
    }

    /// <summary>ssh -N -L with the pinned host key; fails at once when the local port is taken.</summary>
    public static IReadOnlyList<string> Arguments(SshTarget target, int localPort)
    {
        var forward = new List<string>
        {
            "-N",
            "-o", "ExitOnForwardFailure=yes",
            "-L", $"127.0.0.1:{localPort}:127.0.0.1:{RemotePort}",
        };
        return forward.Concat(target.SshArguments(batch: true)).ToList();
    }

    /// <summary>How to read code-server's password: it stays on the machine, this only prints the command.</summary>
    public static string PasswordCommand(SshTarget target) =>
        Command(target.SshArguments(batch: true, "grep", "password:", ".config/code-server/config.yaml"));

    public static string Command(IEnumerable<string> sshArguments) =>
        "ssh " + string.Join(" ", sshArguments.Select(a => a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_=./:@,+%".Contains(c)) ? a : "'" + a.Replace("'", "'\\''") + "'"));

    /// <summary>The first free loopback port from <paramref name="from"/> on.</summary>
    public static int FreePort(int from)
    {
        for (var port = from; port < from + 100; port++)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }
        throw new InvalidOperationException($"no free local port in {from}-{from + 99}: give one with --port=");
    }
}
