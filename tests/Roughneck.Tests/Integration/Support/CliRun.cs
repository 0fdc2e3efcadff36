using System.Diagnostics;
using System.Text;

using Roughneck.Tests.TestSupport;

namespace Roughneck.Tests.Integration.Support;

public sealed record CliResult(int ExitCode, string Output)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}";
}

/// <summary>Runs ./build.sh for real, as a user or CI would, in its own process group.</summary>
internal sealed class CliRun : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private CliRun(Process process)
    {
        _process = process;
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public int Pid => _process.Id;

    public static CliRun Start(string deploymentsDir, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        // setsid: the run gets its own process group, so a test can kill all of it at once.
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = RepoRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepoRoot.Combine("build.sh"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["ROUGHNECK_DEPLOYMENTS_DIR"] = deploymentsDir;
        start.Environment["NO_COLOR"] = "1";
        start.Environment.Remove("ROUGHNECK_TEST_FILTER");
        start.Environment["ROUGHNECK_CREDENTIALS_FILE"] = ""; // never the developer's own store (age would ask for its passphrase)
        if (environment is not null)
        {
            foreach (var (key, value) in environment) start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start build.sh");
        process.StandardInput.Close();
        var run = new CliRun(process);
        process.OutputDataReceived += (_, e) => run.Append(e.Data);
        process.ErrorDataReceived += (_, e) => run.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public CliResult Wait(TimeSpan limit)
    {
        if (!_process.WaitForExit(limit))
        {
            KillGroup();
            throw new TimeoutException($"build.sh did not finish within {limit}:\n{Output}");
        }
        _process.WaitForExit();
        return new CliResult(_process.ExitCode, Output);
    }

    /// <summary>Waits until the output contains the text (true) or the run ends first (false).</summary>
    public bool WaitFor(string text, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            if (Output.Contains(text, StringComparison.Ordinal)) return true;
            if (_process.HasExited) return Output.Contains(text, StringComparison.Ordinal);
            Thread.Sleep(100);
        }
        return false;
    }

    /// <summary>Waits until a process whose command line contains the text runs in this run's process group.</summary>
    public bool WaitForProcess(string commandLinePart, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit && !_process.HasExited)
        {
            if (HasProcess(commandLinePart)) return true;
            Thread.Sleep(100);
        }
        return false;
    }

    /// <summary>Whether a process of this run's group (setsid: the group id is build.sh's pid) has the text in its command line.</summary>
    public bool HasProcess(string commandLinePart)
    {
        var (_, ps) = ProcessCapture.Run("ps", "/", "-o", "args=", "-g", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return ps.Split('\n').Any(l => l.Contains(commandLinePart, StringComparison.Ordinal));
    }

    /// <summary>SIGKILL to the whole run: build.sh, Cake, terraform or ansible, ssh.</summary>
    public void KillGroup()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", new[] { "-KILL", "--", "-" + _process.Id }) { UseShellExecute = false });
        kill?.WaitForExit();
        _process.WaitForExit(10000);
    }

    public static CliResult Run(string deploymentsDir, params string[] arguments) =>
        Run(deploymentsDir, null, TimeSpan.FromMinutes(20), arguments);

    public static CliResult Run(string deploymentsDir, IReadOnlyDictionary<string, string>? environment, TimeSpan limit, params string[] arguments)
    {
        using var run = Start(deploymentsDir, environment, arguments);
        return run.Wait(limit);
    }

    public void Dispose() => _process.Dispose();
}
