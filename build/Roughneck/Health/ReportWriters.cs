using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Roughneck.Health;

/// <summary>The same report as a console table, JUnit XML, JSON and Markdown.</summary>
public static class ReportWriters
{
    public static string Table(ValidationReport report)
    {
        var rows = report.Results.Select(r => (Status: Label(r.Status), Check: $"{r.Role}: {r.Name}", Detail: OneLine(r))).ToList();
        var width = Math.Max(5, rows.Count == 0 ? 5 : rows.Max(r => r.Check.Length));
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"STATUS",-6}  {"CHECK".PadRight(width)}  DETAIL");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{row.Status,-6}  {row.Check.PadRight(width)}  {row.Detail}");
        }
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{report.Deployment}: {report.Passed} passed, {report.Failed} failed, {report.NotApplicable} not applicable in {report.Duration.TotalSeconds:0.0} s");
        foreach (var failed in report.Results.Where(r => r.Status == CheckStatus.Failed && r.Fix.Length > 0))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  to fix '{failed.Role}: {failed.Name}': {failed.Fix}");
        }
        return text.ToString();
    }

    public static string JUnit(ValidationReport report)
    {
        var suite = new XElement("testsuite",
            new XAttribute("name", $"roughneck-{report.Kind.ToLowerInvariant()}-{report.Deployment}"),
            new XAttribute("tests", report.Results.Count),
            new XAttribute("failures", report.Failed),
            new XAttribute("skipped", report.NotApplicable),
            new XAttribute("errors", 0),
            new XAttribute("time", Seconds(report.Duration)),
            new XAttribute("timestamp", report.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)));
        foreach (var result in report.Results)
        {
            var testcase = new XElement("testcase",
                new XAttribute("classname", $"{report.Deployment}.{result.Role}"),
                new XAttribute("name", result.Name),
                new XAttribute("time", Seconds(result.Duration)));
            if (result.Status == CheckStatus.Failed)
            {
                testcase.Add(new XElement("failure",
                    new XAttribute("message", OneLine(result)),
                    result.Detail + (result.Fix.Length > 0 ? "\nfix: " + result.Fix : "")));
            }
            else if (result.Status == CheckStatus.NotApplicable)
            {
                testcase.Add(new XElement("skipped", new XAttribute("message", "not applicable: " + result.Detail)));
            }
            suite.Add(testcase);
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite)).ToString();
    }

    public static string Json(ValidationReport report) => JsonSerializer.Serialize(new
    {
        deployment = report.Deployment,
        started_at = report.StartedAt,
        duration_seconds = Math.Round(report.Duration.TotalSeconds, 3),
        success = report.Success,
        passed = report.Passed,
        failed = report.Failed,
        not_applicable = report.NotApplicable,
        checks = report.Results.Select(r => new
        {
            role = r.Role,
            name = r.Name,
            status = Label(r.Status).ToLowerInvariant(),
            detail = r.Detail,
            fix = r.Fix,
            duration_seconds = Math.Round(r.Duration.TotalSeconds, 3),
        }),
    }, new JsonSerializerOptions { WriteIndented = true });

    public static string Markdown(ValidationReport report)
    {
        var text = new StringBuilder();
        var icon = report.Success ? "✅" : "❌";
        text.AppendLine(CultureInfo.InvariantCulture, $"### {icon} {report.Kind} `{report.Deployment}`: {report.Passed} passed, {report.Failed} failed, {report.NotApplicable} not applicable");
        text.AppendLine();
        text.AppendLine("| Status | Role | Check | Detail |");
        text.AppendLine("|---|---|---|---|");
        foreach (var r in report.Results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {Label(r.Status)} | {r.Role} | {Cell(r.Name)} | {Cell(OneLine(r))} |");
        }
        return text.ToString();
    }

    public static string Label(CheckStatus status) => status switch
    {
        CheckStatus.Passed => "PASS",
        CheckStatus.Failed => "FAIL",
        _ => "N/A",
    };

    private static string OneLine(CheckResult result)
    {
        var line = result.Detail.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return line.Length > 120 ? line[..120] + "…" : line;
    }

    private static string Cell(string text) => text.Replace("|", "\\|");

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
