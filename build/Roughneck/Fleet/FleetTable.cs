using System.Globalization;
using System.Text;

namespace Roughneck.Fleet;

/// <summary>The table that ends a run over many deployments, plain text and Markdown, and the one exit code.</summary>
public static class FleetTable
{
    public static string Text(IReadOnlyList<FleetResult> results)
    {
        var rows = results.Select(r => new[] { r.Deployment, r.Target, Result(r), Duration(r.Duration), Changes(r) }).ToList();
        var header = new[] { "DEPLOYMENT", "TARGET", "RESULT", "DURATION", "CHANGES" };
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        void Line(string[] cells) => text.AppendLine(string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
        Line(header);
        foreach (var row in rows) Line(row);
        text.Append(Totals(results));
        return text.ToString();
    }

    public static string Markdown(IReadOnlyList<FleetResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### Roughneck {results.FirstOrDefault()?.Target}: {Totals(results)}");
        text.AppendLine();
        text.AppendLine("| Deployment | Target | Result | Duration | Changes |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Deployment} | {r.Target} | {Result(r)} | {Duration(r.Duration)} | {Changes(r).Replace("|", "\\|", StringComparison.Ordinal)} |");
        }
        return text.ToString();
    }

    /// <summary>1 when any deployment failed or was stopped, else 2 when any drifted, else 0.</summary>
    public static int ExitCode(IReadOnlyList<FleetResult> results) =>
        results.Any(r => r.Outcome is FleetOutcome.Failed or FleetOutcome.Stopped) ? 1
        : results.Any(r => r.Outcome == FleetOutcome.Drift) ? 2
        : 0;

    public static string Totals(IReadOnlyList<FleetResult> results)
    {
        var parts = new List<string>();
        void Count(FleetOutcome outcome, string label)
        {
            var n = results.Count(r => r.Outcome == outcome);
            if (n > 0) parts.Add($"{n} {label}");
        }
        Count(FleetOutcome.Succeeded, "succeeded");
        Count(FleetOutcome.Drift, "drifted");
        Count(FleetOutcome.Failed, "failed");
        Count(FleetOutcome.Stopped, "stopped (--fail-fast)");
        return $"{results.Count} deployment(s): {string.Join(", ", parts)}";
    }

    private static string Result(FleetResult r) => r.Outcome switch
    {
        FleetOutcome.Succeeded => "ok",
        FleetOutcome.Drift => "drift",
        FleetOutcome.Failed => "FAILED at " + r.FailedStep,
        _ => "stopped",
    };

    private static string Changes(FleetResult r) => r.Outcome == FleetOutcome.Failed && r.Error is not null ? FirstLine(r.Error) : r.Changes;

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";
        return line.Length > 100 ? line[..100] + "…" : line;
    }

    private static string Duration(TimeSpan span) =>
        span.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m{span.Seconds:00}s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0}s");
}
