namespace Roughneck.Terraform;

public enum PlanOutcome
{
    NoChanges,
    Changes,
}

public static class PlanExitCode
{
    /// <summary>-detailed-exitcode: 0 = no changes, 2 = changes, anything else = failure.</summary>
    public static PlanOutcome Map(int exitCode, string stderr) => exitCode switch
    {
        0 => PlanOutcome.NoChanges,
        2 => PlanOutcome.Changes,
        _ => throw new TerraformException("plan", exitCode, stderr),
    };
}

public sealed class TerraformException : Exception
{
    public TerraformException(string verb, int exitCode, string stderr)
        : base($"terraform {verb} failed (exit {exitCode}){Detail(stderr)}")
    {
        Verb = verb;
        ExitCode = exitCode;
        StandardError = stderr;
    }

    public string Verb { get; }
    public int ExitCode { get; }
    public string StandardError { get; }

    private static string Detail(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("Error:", StringComparison.Ordinal) || l.StartsWith("│ Error:", StringComparison.Ordinal))
            .Select(l => l.TrimStart('│', ' '))
            .Distinct()
            .Take(3)
            .ToList();
        return lines.Count == 0 ? "" : ": " + string.Join("; ", lines);
    }
}
