using System.Diagnostics;

namespace Roughneck.Tests.Integration.Support;

/// <summary>Runs a program to its end (ten minutes at most) and returns its exit code and all it printed.</summary>
internal static class ProcessCapture
{
    public static (int Exit, string Output) Run(string file, string workingDirectory, params string[] arguments) =>
        RunIn(null, file, workingDirectory, arguments);

    /// <summary>As <see cref="Run"/>, with exactly the given environment (nothing inherited) when one is given.</summary>
    public static (int Exit, string Output) RunIn(IReadOnlyDictionary<string, string>? environment, string file, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (environment is not null)
        {
            start.Environment.Clear();
            foreach (var (key, value) in environment) start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out\n" + stdout.Result + stderr.Result);
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
