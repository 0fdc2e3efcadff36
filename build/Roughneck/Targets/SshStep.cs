using System.Diagnostics;

namespace Roughneck.Targets;

/// <summary>Ssh: an interactive shell on the machine with the pinned key, or the command with --print.</summary>
public static class SshStep
{
    public static void Run(Session s)
    {
        var (_, target) = Machine.Of(s);
        var arguments = target.SshArguments(batch: false);
        if (s.Arguments.Print)
        {
            Console.WriteLine("ssh " + string.Join(" ", arguments.Select(a => a.Contains(' ') ? $"'{a}'" : a)));
            return;
        }
        var start = new ProcessStartInfo("ssh") { UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Roughneck.Processes.ChildEnvironment.Scrub(start.Environment);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start ssh");
        process.WaitForExit();
        if (process.ExitCode is not (0 or 130))
        {
            throw new InvalidOperationException($"ssh ended with exit {process.ExitCode}");
        }
    }
}
