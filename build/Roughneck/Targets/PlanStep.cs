using Roughneck.Deployments;
using Roughneck.Pricing;
using Roughneck.Terraform;

namespace Roughneck.Targets;

/// <summary>Plan: a saved plan, what it changes, what it costs; Markdown for CI job summaries.</summary>
public static class PlanStep
{
    public static void Run(Session s) => RunAsync(s).GetAwaiter().GetResult();

    public static async Task<PlanSummary> RunAsync(Session s, CancellationToken ct = default)
    {
        s.Lock();
        var paths = s.Paths;
        var plan = s.TerraformSettings(new TerraformPlanSettings
        {
            VarFiles = new[] { paths.TfVars },
            OutFile = paths.Plan,
            LockTimeout = s.Spec.Terraform.LockTimeout,
        });
        var outcome = await s.Terraform.PlanAsync(plan, ct);
        var summary = outcome == PlanOutcome.NoChanges
            ? new PlanSummary(Array.Empty<ResourceChange>())
            : await s.Terraform.ShowPlanAsync(s.TerraformSettings(new TerraformShowSettings
            {
                PlanFile = paths.Plan,
            }), ct);

        // Init found no machine in the state, yet this plan destroys one, and the state holds a
        // machine now: another run (another clone, a CI job) created it while this one waited for
        // the state lock. The plan was made against an identity drawn before that machine
        // existed; applying it would replace the other run's machine. Nothing is applied: the
        // next run's Init adopts the machine. (A machine left half-made by a killed Apply is in
        // the state at Init already, so its repair is not refused.)
        if (s.State is { Machine: null } && summary.Destroys > 0 && (await InitStep.ReadStateAsync(s, ct)).Machine is not null)
        {
            File.Delete(paths.Plan);
            throw new InvalidOperationException(
                $"the state of {s.Spec.Name} gained a machine after this run's Init (another run created it while this one " +
                $"waited for the state lock); this plan would replace it, so nothing is applied. Run the target again: " +
                $"Init will take the machine from the state.");
        }

        var planned = PlannedServer.Of(s.Spec, paths, s.Log.Warn);
        var cost = CostEstimate.For(await s.Catalog.ForAsync(s.Spec.Provider, planned.Region, ct), planned.Size);
        s.Log.Info($"Plan for {s.Spec.Name}: {summary.OneLine}");
        if (planned.FromFallback) s.Log.Info($"Plan: {planned.Size} in {planned.Region}, the capacity fallback's choice (the spec asks for {s.Spec.Size} in {s.Spec.Region})");
        foreach (var line in summary.Lines()) s.Log.Info(line);
        if (cost is not null) s.Log.Info(cost.OneLine);
        SecureFiles.Write(paths.PlanMarkdown, PlanReport.Markdown(s.Spec.Name, s.Spec.Provider, planned.Region, summary, cost,
            planned.Size, planned.FromFallback ? $"{s.Spec.Size} in {s.Spec.Region}" : null));
        s.LastPlan = summary;
        return summary;
    }
}
