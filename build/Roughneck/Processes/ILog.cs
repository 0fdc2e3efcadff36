namespace Roughneck.Processes;

public interface ILog
{
    void Info(string message);
    void Warn(string message);
    void Error(string message);
    void Detail(string message);
}

/// <summary>Console log; every line passes through the redactor.</summary>
public sealed class ConsoleLog : ILog
{
    private readonly Redactor _redactor;
    private readonly bool _verbose;

    public ConsoleLog(Redactor redactor, bool verbose = false)
    {
        _redactor = redactor;
        _verbose = verbose;
    }

    public void Info(string message) => Write(Console.Out, message);
    public void Warn(string message) => Write(Console.Error, "warning: " + message);
    public void Error(string message) => Write(Console.Error, "error: " + message);
    public void Detail(string message)
    {
        if (_verbose) Write(Console.Out, message);
        else lock (this) _file?.WriteLine(_redactor.Redact(message));
    }

    private StreamWriter? _file;
    private Operator.ProgressStatus? _status;
    private bool _statusShown;

    /// <summary>On a terminal: keep a status line under the output, fed by every line written.</summary>
    public void ShowProgress(Operator.ProgressStatus status)
    {
        lock (this) _status = status;
    }

    /// <summary>Removes the status line (end of a task: Cake writes next).</summary>
    public void ClearProgress()
    {
        lock (this)
        {
            if (_statusShown) Console.Out.Write("\r\u001b[2K");
            _statusShown = false;
        }
    }

    /// <summary>From now on every line (verbose ones too) also goes to this file, owner-only.</summary>
    public void TeeTo(string path)
    {
        lock (this)
        {
            _file?.Dispose();
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            _file = new StreamWriter(path, System.Text.Encoding.UTF8, options) { AutoFlush = true };
        }
    }

    private void Write(TextWriter writer, string message)
    {
        var clean = _redactor.Redact(message);
        lock (this)
        {
            if (_statusShown)
            {
                Console.Out.Write("\r\u001b[2K");
                _statusShown = false;
            }
            writer.WriteLine(clean);
            _file?.WriteLine(clean);
            if (_status is not null && (_status.Observe(clean) || _status.Current is not null) && _status.Current is { } line)
            {
                var width = Math.Max(20, (Console.IsOutputRedirected ? 120 : Console.WindowWidth) - 1);
                Console.Out.Write(line.Length > width ? line[..(width - 1)] + "…" : line);
                Console.Out.Flush();
                _statusShown = true;
            }
        }
    }
}

/// <summary>Collects lines in memory (tests).</summary>
public sealed class MemoryLog : ILog
{
    public List<string> Lines { get; } = new();
    public void Info(string message) { lock (Lines) Lines.Add(message); }
    public void Warn(string message) { lock (Lines) Lines.Add("warning: " + message); }
    public void Error(string message) { lock (Lines) Lines.Add("error: " + message); }
    public void Detail(string message) { lock (Lines) Lines.Add(message); }
    public string Text { get { lock (Lines) return string.Join("\n", Lines); } }
}
