using Roughneck.Deployments;
using Roughneck.Targets;

namespace Roughneck.Ci;

/// <summary>
/// What build.cake does around every task under GitHub Actions: a collapsible group per task,
/// an error annotation naming the deployment and the step when it fails, and the task's
/// Markdown (plan.md, reports) in the job summary. A run over many deployments (the Fleet task)
/// and Matrix print no group: their output is interleaved or machine-read.
/// </summary>
public static class TaskHooks
{
    private static readonly string[] Ungrouped = { Fleet.FleetChain.FleetTaskName, Fleet.MatrixStep.TargetName };

    private static readonly DateTime RunStarted = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();

    public static void Begin(Session? s, string task)
    {
        if (s is null || Ungrouped.Contains(task)) return;
        var deployment = s.Selection.Count == 1 ? " " + s.Selection[0].Name : "";
        GitHubActions.BeginGroup(s.Environment, task + deployment);
    }

    public static void End(Session? s, string task, bool succeeded, Exception? error)
    {
        if (s is null || Ungrouped.Contains(task)) return;
        GitHubActions.EndGroup(s.Environment);
        var deployment = s.Selection.Count == 1 ? s.Selection[0].Name : null;
        if (!succeeded)
        {
            var message = (error?.InnerException ?? error)?.Message ?? "failed";
            GitHubActions.Error(s.Environment, $"Roughneck {s.Arguments.Target} failed",
                deployment is null ? $"step {task}: {message}" : $"deployment {deployment}, step {task}: {message}");
        }
        // A failed Validate or Drift still wrote its report, which is what the summary should show;
        // only files written by this run count (never an old report of an earlier one).
        if (deployment is not null && StepSummaries.MarkdownOf(task, DeploymentPaths.For(s.Repo, deployment)) is { } file
            && File.Exists(file) && File.GetLastWriteTimeUtc(file) >= RunStarted)
        {
            JobSummary.AppendFile(s.Environment, file);
        }
    }
}
