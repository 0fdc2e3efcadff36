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
    }

    private void Write(TextWriter writer, string message)
    {
        lock (this) writer.WriteLine(_redactor.Redact(message));
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
