using Roughneck.Deployments;
using Roughneck.Targets;

namespace Roughneck.Operator;

/// <summary>
/// The last lines of a failed Deploy (or one of its steps): which step failed, the one command
/// that resumes it, and where the full log is.
/// </summary>
public static class FailureAdvice
{
    private static readonly string[] DeploySteps = { "Init", "Plan", "Apply", "Provision", "Validate", "Deploy", "Update" };

    private static string? _failedStep;
    private static Exception? _error;

    /// <summary>build.cake's TaskTeardown: remembers the first step that failed.</summary>
    public static void Record(Session? s, string task, bool succeeded, Exception? error)
    {
        (s?.Log as Processes.ConsoleLog)?.ClearProgress();
        if (succeeded || _failedStep is not null) return;
        _failedStep = task;
        _error = error?.InnerException ?? error;
    }

    /// <summary>build.cake's Teardown: prints the advice when a Deploy step failed.</summary>
    public static void Print(Session? s)
    {
        if (s is null || _failedStep is null || !DeploySteps.Contains(s.Arguments.Target) || s.Selection.Count != 1) return;
        foreach (var line in Lines(s.Arguments.Target, _failedStep, _error, s.Selection[0], s.Providers, s.LogFile, s.Repo.Root))
        {
            Console.Error.WriteLine(s.Redactor.Redact(line));
        }
    }

    public static IReadOnlyList<string> Lines(string target, string step, Exception? error, DeploymentSpec spec, ProviderCatalog catalog, string? logFile, string repoRoot)
    {
        var name = spec.Name;
        var message = error?.Message.Split('\n')[0].Trim() ?? "failed";
        var resume = error switch
        {
            SpecException => $"./build.sh --target=Edit --deployment={name}   (fix the spec, then Deploy again)",
            _ when IsCapacity(message) && NextSize(spec, catalog) is { } size =>
                $"./build.sh --target=Deploy --deployment={name} --size={size}   (no capacity for {spec.Size} in {spec.Region}; or set fallback.sizes)",
            _ => $"./build.sh --target=Deploy --deployment={name}   (Deploy repairs an interrupted run; nothing is recreated that exists)",
        };
        return new[]
        {
            "",
            $"{target} of {name} failed at step {step}: {message}",
            $"  resume: {resume}",
            $"  full log: {(logFile is null ? "none written (the run stopped before its first step took the lock)" : Path.GetRelativePath(repoRoot, logFile))}",
        };
    }

    private static bool IsCapacity(string message) =>
        message.Contains("resource_unavailable", StringComparison.OrdinalIgnoreCase)
        || message.Contains("capacity", StringComparison.OrdinalIgnoreCase)
        || message.Contains("InsufficientInstanceCapacity", StringComparison.Ordinal);

    /// <summary>The cheapest size of the same arch, at least as big, that the spec has not tried yet.</summary>
    public static string? NextSize(DeploymentSpec spec, ProviderCatalog catalog)
    {
        if (catalog.Find(spec.Provider) is not { } info || !info.Sizes.TryGetValue(spec.Size, out var current)) return null;
        var tried = spec.FallbackSizes.Append(spec.Size).ToHashSet(StringComparer.Ordinal);
        return info.Sizes.Values
            .Where(s => !tried.Contains(s.Name) && s.Arch == current.Arch && s.Vcpus >= current.Vcpus && s.MemoryGb >= current.MemoryGb)
            .OrderBy(s => s.Monthly).ThenBy(s => s.Name, StringComparer.Ordinal)
            .FirstOrDefault()?.Name;
    }
}
