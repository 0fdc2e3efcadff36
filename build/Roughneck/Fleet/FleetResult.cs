namespace Roughneck.Fleet;

public enum FleetOutcome
{
    Succeeded,
    Drift,
    Failed,
    /// <summary>--fail-fast: another deployment failed first, so this one did not start or stopped between steps.</summary>
    Stopped,
}

/// <summary>One deployment's row of the run's table.</summary>
public sealed record FleetResult(
    string Deployment,
    string Target,
    FleetOutcome Outcome,
    TimeSpan Duration,
    string Changes,
    string? FailedStep = null,
    string? Error = null,
    string? LogFile = null);
