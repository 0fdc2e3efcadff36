using System.Globalization;
using Roughneck.Processes;

namespace Roughneck.Fleet;

/// <summary>
/// The log of one deployment in a run over many: every line goes to the console with the
/// deployment's name in front, and without the prefix to the deployment's own log file.
/// Lines are already redacted by the process runner; console lines pass the shared log's
/// redactor again, the file gets the same redacted text.
/// </summary>
public sealed class PrefixedLog : ILog, IDisposable
{
    private readonly ILog _console;
    private readonly string _prefix;
    private readonly StreamWriter _file;
    private readonly Redactor _redactor;
    private readonly bool _verbose;

    public PrefixedLog(ILog console, string name, int width, string logFile, Redactor redactor, bool verbose)
    {
        _console = console;
        _prefix = ("[" + name + "]").PadRight(width + 2) + " ";
        _redactor = redactor;
        _verbose = verbose;
        LogFile = logFile;
        Deployments.SecureFiles.EnsureDirectory(Path.GetDirectoryName(logFile)!);
        var stream = new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.Read);
        if (!OperatingSystem.IsWindows()) System.IO.File.SetUnixFileMode(logFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _file = new StreamWriter(stream) { AutoFlush = true };
    }

    public string LogFile { get; }

    public void Info(string message)
    {
        Append(message);
        foreach (var line in message.Split('\n')) _console.Info(_prefix + line);
    }

    public void Warn(string message)
    {
        Append("warning: " + message);
        _console.Warn(_prefix + message);
    }

    public void Error(string message)
    {
        Append("error: " + message);
        _console.Error(_prefix + message);
    }

    public void Detail(string message)
    {
        Append(message);
        if (_verbose) _console.Detail(_prefix + message);
    }

    private void Append(string line)
    {
        var stamp = DateTime.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        lock (_file) _file.WriteLine($"{stamp} {_redactor.Redact(line)}");
    }

    public void Dispose()
    {
        lock (_file) _file.Dispose();
    }
}
