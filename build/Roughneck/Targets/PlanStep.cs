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

        var size = FallbackChoice.Read(paths)?.Size ?? s.Spec.Size;
        var cost = CostEstimate.For(s.Providers, s.Spec.Provider, size);
        s.Log.Info($"Plan for {s.Spec.Name}: {summary.OneLine}");
        foreach (var line in summary.Lines()) s.Log.Info(line);
        if (cost is not null) s.Log.Info(cost.OneLine);
        SecureFiles.Write(paths.PlanMarkdown, PlanReport.Markdown(s.Spec.Name, s.Spec.Provider, s.Spec.Region, summary, cost));
        s.LastPlan = summary;
        return summary;
    }
}
