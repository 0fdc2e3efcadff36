using System.Diagnostics;
using System.Text;
using CliWrap;

namespace Roughneck.Processes;

public interface IProcessRunner
{
    Task<ProcessResult> RunAsync(ProcessSpec spec, ProcessOptions options, CancellationToken cancellation = default);
}

/// <summary>
/// Runs a program with CliWrap: output streamed line by line through the redactor, captured
/// (redacted) for parsing, killed on timeout or cancellation. Exit codes are returned, not thrown.
/// </summary>
public sealed class ProcessRunner : IProcessRunner
{
    private readonly ILog _log;
    private readonly Redactor _redactor;

    public ProcessRunner(ILog log, Redactor redactor)
    {
        _log = log;
        _redactor = redactor;
    }

    public async Task<ProcessResult> RunAsync(ProcessSpec spec, ProcessOptions options, CancellationToken cancellation = default)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        void OnLine(StringBuilder buffer, string line)
        {
            var clean = _redactor.Redact(line);
            lock (buffer) buffer.AppendLine(clean);
            if (options.Stream) _log.Info("  " + clean);
            options.OnOutputLine?.Invoke(clean);
        }

        var command = Cli.Wrap(spec.FileName)
            .WithArguments(spec.Arguments)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => OnLine(stdout, line)))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => OnLine(stderr, line)));
        if (spec.WorkingDirectory is not null) command = command.WithWorkingDirectory(spec.WorkingDirectory);
        command = command.WithEnvironmentVariables(ChildEnvironment.For(spec, ChildEnvironment.Current()));
        command = command.WithStandardInputPipe(options.StandardInput is null
            ? PipeSource.Null
            : PipeSource.FromString(options.StandardInput));

        _log.Detail("$ " + _redactor.Redact(spec.Display));
        using var timeout = new CancellationTokenSource(options.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, timeout.Token);
        var watch = Stopwatch.StartNew();
        try
        {
            var result = await command.ExecuteAsync(linked.Token, cancellation).ConfigureAwait(false);
            _log.Detail(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"  [{spec.FileName} exit {result.ExitCode} after {watch.Elapsed.TotalSeconds:0.000} s]"));
            return new ProcessResult(result.ExitCode, stdout.ToString(), stderr.ToString(), watch.Elapsed);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"{spec.FileName} did not finish within {options.Timeout.TotalSeconds:0} s and was stopped");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot run {spec.FileName}: {e.Message}; is it installed and on PATH?", e);
        }
    }
}
