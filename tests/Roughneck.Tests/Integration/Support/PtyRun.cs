using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Roughneck.Tests.TestSupport;

namespace Roughneck.Tests.Integration.Support;

/// <summary>
/// Runs ./build.sh on a pseudo-terminal (util-linux `script`), as a person at a terminal would:
/// keys written here reach the program as typed, its screen output is collected.
/// </summary>
internal sealed partial class PtyRun : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PtyRun(Process process) => _process = process;

    public static PtyRun Start(string deploymentsDir, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var command = string.Join(" ", new[] { RepoRoot.Combine("build.sh") }.Concat(arguments).Select(a => "'" + a.Replace("'", "'\\''") + "'"));
        // env resets SIGINT and SIGQUIT: a test run started in the background (nohup, `&` without
        // job control) inherits them ignored, and Ctrl-C on the terminal would then do nothing.
        var start = new ProcessStartInfo("env")
        {
            WorkingDirectory = RepoRoot.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--default-signal=INT,QUIT", "setsid", "script", "-qfec", command, "/dev/null" }) start.ArgumentList.Add(a);
        start.Environment["ROUGHNECK_DEPLOYMENTS_DIR"] = deploymentsDir;
        start.Environment["TERM"] = "xterm";
        start.Environment["COLUMNS"] = "120";
        start.Environment.Remove("CI");
        start.Environment.Remove("HCLOUD_TOKEN"); // the offline catalog: the test knows its prices
        start.Environment.Remove("ROUGHNECK_TEST_FILTER");
        start.Environment["ROUGHNECK_CREDENTIALS_FILE"] = "";
        if (environment is not null)
        {
            foreach (var (key, value) in environment) start.Environment[key] = value;
        }
        var run = new PtyRun(Process.Start(start) ?? throw new InvalidOperationException("cannot start script"));
        _ = run.Pump(run._process.StandardOutput);
        _ = run.Pump(run._process.StandardError);
        return run;
    }

    private async Task Pump(StreamReader reader)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer, 0, buffer.Length)) > 0)
        {
            lock (_output) _output.Append(buffer, 0, read);
        }
    }

    /// <summary>The screen output without colour and cursor sequences.</summary>
    public string Screen
    {
        get
        {
            string raw;
            lock (_output) raw = _output.ToString();
            return Ansi().Replace(raw, "");
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits until the screen shows the text, then types the keys.</summary>
    public void Answer(string prompt, string keys, TimeSpan? limit = null)
    {
        var watch = Stopwatch.StartNew();
        var seen = _seen;
        while (true)
        {
            var screen = Screen;
            var at = screen.IndexOf(prompt, seen, StringComparison.Ordinal);
            if (at >= 0)
            {
                _seen = at + prompt.Length;
                break;
            }
            if (_process.HasExited || watch.Elapsed > (limit ?? TimeSpan.FromMinutes(1)))
            {
                throw new TimeoutException($"the screen never showed '{prompt}' after position {seen} (found at {screen.IndexOf(prompt, StringComparison.Ordinal)}, screen length {screen.Length}):\n{screen}");
            }
            Thread.Sleep(50);
        }
        // Let the prompt finish drawing and start reading keys: switching the terminal mode can
        // drop keys typed before it.
        var quiet = Stopwatch.StartNew();
        var length = -1;
        while (quiet.Elapsed < TimeSpan.FromSeconds(10))
        {
            int now;
            lock (_output) now = _output.Length;
            if (now != length)
            {
                length = now;
                watch.Restart();
            }
            else if (watch.Elapsed > TimeSpan.FromMilliseconds(600))
            {
                break;
            }
            Thread.Sleep(50);
        }
        _process.StandardInput.Write(keys);
        _process.StandardInput.Flush();
    }

    private int _seen;

    public int Wait(TimeSpan limit)
    {
        if (!_process.WaitForExit(limit))
        {
            Kill();
            throw new TimeoutException($"the run did not finish within {limit}:\n{Screen}");
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Kills script and everything under it: the program runs in the terminal's own session, out of script's process group.</summary>
    public void Kill()
    {
        var victims = Descendants(_process.Id).Prepend(_process.Id).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var kill = Process.Start(new ProcessStartInfo("kill", new[] { "-KILL", "--" }.Concat(victims)) { UseShellExecute = false, RedirectStandardError = true });
        kill?.WaitForExit();
    }

    private static List<int> Descendants(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var stat in Directory.EnumerateFiles("/proc", "stat", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 1, IgnoreInaccessible = true }))
        {
            string text;
            try { text = File.ReadAllText(stat); } catch (IOException) { continue; }
            // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            if (!int.TryParse(Path.GetFileName(Path.GetDirectoryName(stat)), out var pid) || !int.TryParse(fields[1], out var parent)) continue;
            if (!children.TryGetValue(parent, out var list)) children[parent] = list = new List<int>();
            list.Add(pid);
        }
        var found = new List<int>();
        var queue = new Queue<int>(new[] { root });
        while (queue.Count > 0)
        {
            foreach (var child in children.GetValueOrDefault(queue.Dequeue(), new List<int>()))
            {
                found.Add(child);
                queue.Enqueue(child);
            }
        }
        return found;
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }

    public const string Down = "\u001b[B";
    public const string Enter = "\r";
    public const string CtrlC = "\u0003";

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")]
    private static partial Regex Ansi();
}
