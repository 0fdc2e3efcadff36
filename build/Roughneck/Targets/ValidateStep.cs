using System.Diagnostics;
using Roughneck.Deployments;
using Roughneck.Health;
using Roughneck.Ssh;

namespace Roughneck.Targets;

/// <summary>Validate: every enabled role's checks over one pinned SSH session; reports; exit non-zero on failure.</summary>
public static class ValidateStep
{
    public static void Run(Session s) => RunAsync(s).GetAwaiter().GetResult();

    public static async Task<ValidationReport> RunAsync(Session s, CancellationToken ct = default)
    {
        var (_, target) = await Machine.OfAsync(s, ct);
        var roles = new[] { "common" }.Concat(s.Features.Features.Where(f => s.Spec.FeatureOn(f.Name)).Select(f => f.Role)).Distinct();
        var checks = CheckDefinition.Load(s.Repo.RolesDir, roles);
        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        var result = await new RemoteShell(s.Processes, s.Log).RunScriptAsync(target, CheckScript.Build(checks), CheckScript.SessionLimit(checks), ct);
        IReadOnlyList<CheckResult> results;
        if (result.ExitCode == 255)
        {
            var reason = result.StandardError.Trim();
            results = new[] { new CheckResult("ssh", "machine reachable over SSH with the pinned host key", CheckStatus.Failed, reason,
                "check that the machine runs (./build.sh --target=List) and that your address is in ssh.allowed_cidrs", watch.Elapsed) };
        }
        else
        {
            results = new[] { new CheckResult("ssh", "machine reachable over SSH with the pinned host key", CheckStatus.Passed, "", "", TimeSpan.Zero) }
                .Concat(CheckScript.Parse(checks, result.StandardOutput)).ToList();
        }
        var report = new ValidationReport(s.Spec.Name, started, watch.Elapsed, results);
        var paths = s.Paths;
        SecureFiles.EnsureDirectory(paths.ReportsDir);
        SecureFiles.Write(Path.Combine(paths.ReportsDir, "validate.json"), ReportWriters.Json(report));
        SecureFiles.Write(Path.Combine(paths.ReportsDir, "validate.xml"), ReportWriters.JUnit(report));
        SecureFiles.Write(Path.Combine(paths.ReportsDir, "validate.md"), ReportWriters.Markdown(report));
        s.Log.Info(ReportWriters.Table(report));
        if (!report.Success)
        {
            throw new InvalidOperationException($"Validate: {report.Failed} check(s) failed for {s.Spec.Name}; see the table above and {Path.GetRelativePath(s.Repo.Root, paths.ReportsDir)}");
        }
        return report;
    }
}
