namespace Roughneck.Health;

public enum CheckStatus
{
    Passed,
    Failed,
    NotApplicable,
}

public sealed record CheckResult(string Role, string Name, CheckStatus Status, string Detail, string Fix, TimeSpan Duration);

public sealed record ValidationReport(string Deployment, DateTimeOffset StartedAt, TimeSpan Duration, IReadOnlyList<CheckResult> Results)
{
    /// <summary>What the report is about, in its titles: Validate, or Drift (same writers).</summary>
    public string Kind { get; init; } = "Validate";

    public int Passed => Results.Count(r => r.Status == CheckStatus.Passed);
    public int Failed => Results.Count(r => r.Status == CheckStatus.Failed);
    public int NotApplicable => Results.Count(r => r.Status == CheckStatus.NotApplicable);
    public bool Success => Failed == 0 && Results.Count > 0;
}
