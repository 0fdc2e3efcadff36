namespace Roughneck.Processes;

/// <summary>A command to run: program, arguments (never secrets), working folder, extra environment.</summary>
public sealed record ProcessSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    string? WorkingDirectory = null,
    IReadOnlyDictionary<string, string?>? Environment = null)
{
    /// <summary>Only Terraform: keeps the cloud tokens of the parent's environment (ChildEnvironment).</summary>
    public bool InheritsCloudTokens { get; init; }

    public string Display => FileName + (Arguments.Count == 0 ? "" : " " + string.Join(" ", Arguments.Select(Quote)));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_=./:@,+%".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''") + "'";
}

public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Duration);

/// <summary>How to run: stream lines live (redacted) and/or capture them, with a time limit.</summary>
public sealed record ProcessOptions
{
    public bool Stream { get; init; } = true;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromHours(1);
    public string? StandardInput { get; init; }
    public Action<string>? OnOutputLine { get; init; }
}
