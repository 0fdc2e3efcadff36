using System.Diagnostics;
using Roughneck.Deployments;
using Roughneck.Health;
using Roughneck.Terraform;

namespace Roughneck.Targets;

/// <summary>What Drift found: every drifted resource and task as a failed check, with its role.</summary>
public sealed record DriftReport(ValidationReport Report)
{
    public bool Drifted => Report.Failed > 0;
    public string Summary => Drifted ? $"{Report.Failed} drifted" : "no drift";
}

/// <summary>
/// Drift: what changed behind Roughneck's back, changing nothing. Infrastructure: a refresh-only
/// plan with -detailed-exitcode (its own plan file; Plan's stays). Configuration: the playbook in
/// check mode, where every task that would change is drift. Reports (JSON, JUnit, Markdown) in
/// the deployment's reports folder; the process exits 0 clean, 2 on drift, 1 on error.
/// </summary>
public static class DriftStep
{
    public const int DriftExitCode = 2;

    public static void Run(Session s)
    {
        var drift = RunAsync(s).GetAwaiter().GetResult();
        if (!drift.Drifted) return;
        s.ExitCode = DriftExitCode;
        throw new InvalidOperationException(
            $"Drift: {s.Spec.Name} has drifted ({drift.Summary}); see the table above and " +
            $"{Path.GetRelativePath(s.Repo.Root, Path.Combine(s.Paths.ReportsDir, "drift.md"))}. Deploy puts it back.");
    }

    public static async Task<DriftReport> RunAsync(Session s, CancellationToken ct = default)
    {
        s.Lock();
        var paths = s.Paths;
        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        Machine.Of(s); // a deployment without a machine has nothing to drift from: an error, not "clean"

        var results = new List<CheckResult>();
        var planFile = Path.Combine(paths.Work, "drift.tfplan");
        var outcome = await s.Terraform.PlanAsync(s.TerraformSettings(new TerraformPlanSettings
        {
            VarFiles = new[] { paths.TfVars },
            OutFile = planFile,
            LockTimeout = s.Spec.Terraform.LockTimeout,
            RefreshOnly = true,
        }), ct);
        // terraform writes the plan with the umask's mode; it holds the deployment's values.
        if (File.Exists(planFile) && !OperatingSystem.IsWindows()) File.SetUnixFileMode(planFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var resources = outcome == PlanOutcome.NoChanges
            ? Array.Empty<DriftedResource>()
            : ResourceDrift.Parse(await s.Terraform.ShowJsonAsync(s.TerraformSettings(new TerraformShowSettings { PlanFile = planFile }), ct));
        results.Add(new CheckResult("terraform", "infrastructure matches the state", CheckStatus.Passed, "", "", watch.Elapsed));
        foreach (var resource in resources)
        {
            results.Add(new CheckResult(resource.Module.Length > 0 ? "terraform " + resource.Module : "terraform", resource.Address,
                CheckStatus.Failed, resource.Action, $"./build.sh --target=Deploy --deployment={s.Spec.Name}", TimeSpan.Zero));
        }
        if (outcome != PlanOutcome.NoChanges && resources.Count == 0)
        {
            results.Add(new CheckResult("terraform", "outputs", CheckStatus.Failed, "the refresh-only plan changes outputs only",
                $"./build.sh --target=Apply --deployment={s.Spec.Name}", TimeSpan.Zero));
        }
        if (results.Count > 1) results[0] = results[0] with { Status = CheckStatus.Failed, Detail = $"{results.Count - 1} difference(s)" };

        var configStarted = watch.Elapsed;
        var playbook = await ProvisionStep.RunAsync(s, "site.yml", Array.Empty<string>(), ct, check: true);
        var changed = playbook.Changed;
        results.Add(new CheckResult("ansible", "configuration matches the playbook", changed.Count == 0 ? CheckStatus.Passed : CheckStatus.Failed,
            changed.Count == 0 ? "" : $"{changed.Count} task(s) would change", "", watch.Elapsed - configStarted));
        foreach (var task in changed)
        {
            results.Add(new CheckResult(task.Role.Length > 0 ? task.Role : "site.yml", task.Task, CheckStatus.Failed,
                task.Paths.Length > 0 ? $"would change {task.Paths} (check mode)" : "would change (check mode)", $"./build.sh --target=Provision --deployment={s.Spec.Name}", TimeSpan.Zero));
        }

        var report = new ValidationReport(s.Spec.Name, started, watch.Elapsed, results) { Kind = "Drift" };
        SecureFiles.EnsureDirectory(paths.ReportsDir);
        SecureFiles.Write(Path.Combine(paths.ReportsDir, "drift.json"), ReportWriters.Json(report));
        SecureFiles.Write(Path.Combine(paths.ReportsDir, "drift.xml"), ReportWriters.JUnit(report));
        SecureFiles.Write(Path.Combine(paths.ReportsDir, "drift.md"), ReportWriters.Markdown(report));
        s.Log.Info(ReportWriters.Table(report));
        var drift = new DriftReport(report);
        s.Log.Info($"Drift: {s.Spec.Name}: {drift.Summary}");
        return drift;
    }
}
