using Roughneck.Targets;

namespace Roughneck.Fleet;

/// <summary>One step of a target's chain for one deployment; returns what it changed, for the table.</summary>
public sealed record FleetStep(string Name, Func<Session, Task<StepOutcome>> Run);

/// <summary>
/// What one step reports: a short text for the table's changes column, whether it found drift,
/// and whether its text replaces the previous step's (Apply says what Plan said, and more).
/// </summary>
public sealed record StepOutcome(string Changes, bool Drift = false, bool ReplacesPrevious = false)
{
    public static StepOutcome None { get; } = new("");
}

/// <summary>
/// The tasks build.cake runs for a target, in order, as calls into the library: a run over
/// many deployments executes this chain once per deployment. It mirrors the IsDependentOn
/// edges of build.cake (a unit test compares the two).
/// </summary>
public static class FleetChain
{
    private static readonly FleetStep Init = new("Init", async s => { await InitStep.RunAsync(s); return StepOutcome.None; });
    private static readonly FleetStep Plan = new("Plan", async s => new StepOutcome((await PlanStep.RunAsync(s)).OneLine));
    private static readonly FleetStep Apply = new("Apply", async s =>
    {
        await ApplyStep.RunAsync(s);
        return new StepOutcome(s.LastPlan is { HasChanges: true } plan ? "applied: " + plan.OneLine : "no changes", ReplacesPrevious: true);
    });
    private static readonly FleetStep Provision = new("Provision", async s =>
        new StepOutcome($"{(await ProvisionStep.RunAsync(s, "site.yml", Array.Empty<string>())).TotalChanged} tasks changed"));
    private static readonly FleetStep Validate = new("Validate", async s =>
    {
        var report = await ValidateStep.RunAsync(s);
        return new StepOutcome($"{report.Passed} checks passed");
    });
    private static readonly FleetStep Update = new("Update", async s =>
        new StepOutcome($"{(await ProvisionStep.RunAsync(s, "update.yml", s.Arguments.Only)).TotalChanged} tasks changed"));
    private static readonly FleetStep Destroy = new("Destroy", async s => { await DestroyStep.RunAsync(s); return new StepOutcome("destroyed"); });
    private static readonly FleetStep Drift = new("Drift", async s =>
    {
        var report = await DriftStep.RunAsync(s);
        return new StepOutcome(report.Summary, report.Drifted);
    });

    private static readonly FleetStep Summary = new("Deploy", s =>
    {
        Operator.DeploySummary.Run(s);
        return Task.FromResult(new StepOutcome("summary in reports/deploy.md"));
    });

    private static readonly IReadOnlyDictionary<string, FleetStep[]> Chains = new Dictionary<string, FleetStep[]>(StringComparer.Ordinal)
    {
        ["Init"] = new[] { Init },
        ["Plan"] = new[] { Init, Plan },
        ["Apply"] = new[] { Init, Plan, Apply },
        ["Provision"] = new[] { Provision },
        ["Validate"] = new[] { Validate },
        ["Deploy"] = new[] { Init, Plan, Apply, Provision, Validate, Summary },
        ["Update"] = new[] { Update },
        ["Destroy"] = new[] { Destroy },
        ["Drift"] = new[] { Init, Drift },
    };

    /// <summary>The targets that run over a selection of deployments.</summary>
    public static IReadOnlyCollection<string> Targets => (IReadOnlyCollection<string>)Chains.Keys;

    public static IReadOnlyList<FleetStep> For(string target) =>
        Chains.TryGetValue(target, out var chain)
            ? chain
            : throw new InvalidOperationException($"target {target} takes one deployment; the targets that take many are {string.Join(", ", Chains.Keys)}");

    /// <summary>
    /// The Cake task to run: "Fleet" when the arguments may select more than one deployment for
    /// a target that takes a selection, the target itself otherwise. Pure, so build.cake can
    /// call it before Setup.
    /// </summary>
    public static string CakeTask(string target, IReadOnlyDictionary<string, string> arguments)
    {
        if (!Chains.ContainsKey(target)) return target;
        var deployment = arguments.TryGetValue("deployment", out var d) ? d : "";
        var all = arguments.TryGetValue("all", out var a) && a != "false";
        var tags = arguments.ContainsKey("tags");
        return FleetOptions.SelectsMany(deployment, all, tags) ? FleetTaskName : target;
    }

    public const string FleetTaskName = "Fleet";
}
