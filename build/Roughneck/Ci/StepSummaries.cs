using Roughneck.Deployments;

namespace Roughneck.Ci;

/// <summary>Which Markdown file a finished task leaves for the job summary: plan.md, the Validate and Drift reports.</summary>
public static class StepSummaries
{
    public static string? MarkdownOf(string task, DeploymentPaths paths) => task switch
    {
        "Plan" => paths.PlanMarkdown,
        "Validate" => Path.Combine(paths.ReportsDir, "validate.md"),
        "Drift" => Path.Combine(paths.ReportsDir, "drift.md"),
        "Deploy" => Path.Combine(paths.ReportsDir, "deploy.md"), // Operator.DeploySummary
        _ => null,
    };

    /// <summary>Adds the task's Markdown to the job summary (GitHub Actions only).</summary>
    public static void Append(IReadOnlyDictionary<string, string> environment, string task, DeploymentPaths paths)
    {
        if (MarkdownOf(task, paths) is { } file) JobSummary.AppendFile(environment, file);
    }
}
