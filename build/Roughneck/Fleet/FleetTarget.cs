using Roughneck.Ci;
using Roughneck.Deployments;
using Roughneck.Targets;

namespace Roughneck.Fleet;

/// <summary>
/// The Cake task of a run over many deployments: the target's chain per deployment, then one
/// table and one exit code (1 when any failed, 2 when any drifted, 0 otherwise).
/// </summary>
public static class FleetTarget
{
    public static void Run(Session s)
    {
        var target = s.Arguments.Target;
        var chain = FleetChain.For(target);
        if (target == "Destroy") DestroyConfirmation.Require(s, s.Selection.Select(spec => spec.Name).ToList());
        var results = FleetRunner.RunAsync(s, target, chain).GetAwaiter().GetResult();

        s.Log.Info("");
        s.Log.Info(FleetTable.Text(results));
        JobSummary.Append(s.Environment, FleetTable.Markdown(results));
        foreach (var result in results.Where(r => r.Outcome is FleetOutcome.Succeeded or FleetOutcome.Drift))
        {
            foreach (var step in chain) StepSummaries.Append(s.Environment, step.Name, DeploymentPaths.For(s.Repo, result.Deployment));
        }
        foreach (var failed in results.Where(r => r.Outcome == FleetOutcome.Failed))
        {
            s.Log.Error($"{failed.Deployment}: {failed.FailedStep} failed; full log {Path.GetRelativePath(s.Repo.Root, failed.LogFile!)}");
        }

        var code = FleetTable.ExitCode(results);
        if (code == 0) return;
        s.ExitCode = code;
        throw new InvalidOperationException(code == 2
            ? $"{target}: drift in {string.Join(", ", results.Where(r => r.Outcome == FleetOutcome.Drift).Select(r => r.Deployment))}"
            : $"{target} failed for {string.Join(", ", results.Where(r => r.Outcome is FleetOutcome.Failed or FleetOutcome.Stopped).Select(r => r.Deployment))}");
    }
}
