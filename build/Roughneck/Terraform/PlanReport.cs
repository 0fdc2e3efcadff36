using System.Text;
using Roughneck.Pricing;

namespace Roughneck.Terraform;

/// <summary>
/// The plan as Markdown, for a CI job summary ($GITHUB_STEP_SUMMARY). It shows the region and
/// size planned, which differ from the spec's after a capacity fallback (fallbackFrom says what
/// the spec asked for).
/// </summary>
public static class PlanReport
{
    public static string Markdown(string deployment, string provider, string region, PlanSummary summary, CostEstimate? cost,
        string? size = null, string? fallbackFrom = null)
    {
        var text = new StringBuilder();
        var where = size is null ? $"{provider}, {region}" : $"{provider}, {region}, {size}";
        text.AppendLine($"### Plan for `{deployment}` ({where}): {summary.OneLine}");
        text.AppendLine();
        if (fallbackFrom is not null)
        {
            text.AppendLine($"Capacity fallback: planned **{size} in {region}**; the spec asks for {fallbackFrom}.");
            text.AppendLine();
        }
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
