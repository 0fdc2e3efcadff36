using System.Text;
using Roughneck.Pricing;

namespace Roughneck.Terraform;

/// <summary>The plan as Markdown, for a CI job summary ($GITHUB_STEP_SUMMARY).</summary>
public static class PlanReport
{
    public static string Markdown(string deployment, string provider, string region, PlanSummary summary, CostEstimate? cost)
    {
        var text = new StringBuilder();
        text.AppendLine($"### Plan for `{deployment}` ({provider}, {region}): {summary.OneLine}");
        text.AppendLine();
        if (summary.HasChanges)
        {
            text.AppendLine("| Action | Resource |");
            text.AppendLine("|---|---|");
            foreach (var change in summary.Changes)
            {
                text.AppendLine($"| {change.Action} | `{change.Address}` |");
            }
            text.AppendLine();
        }
        if (cost is not null)
        {
            text.AppendLine(cost.OneLine.Replace("cost:", "**Cost:**", StringComparison.Ordinal));
        }
        return text.ToString();
    }
}
