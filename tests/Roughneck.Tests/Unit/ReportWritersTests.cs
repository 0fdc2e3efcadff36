using System.Text.Json;
using System.Xml.Linq;
using Roughneck.Health;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>ReportWriters: the Validate report as table, JUnit, JSON and Markdown.</summary>
public class ReportWritersTests
{
    private static readonly ValidationReport Report = new(
        "demo",
        new DateTimeOffset(2025, 11, 24, 10, 0, 0, TimeSpan.Zero),
        TimeSpan.FromSeconds(4.2),
        new[]
        {
            new CheckResult("common", "sshd active", CheckStatus.Passed, "active", "", TimeSpan.FromMilliseconds(12)),
            new CheckResult("docker", "daemon answers", CheckStatus.Failed, "Cannot connect to the Docker daemon\nIs it running?", "systemctl restart docker", TimeSpan.FromMilliseconds(1500)),
            new CheckResult("caddy", "certificate | valid", CheckStatus.NotApplicable, "tls is off", "", TimeSpan.FromMilliseconds(5)),
        });

    [Fact]
    public void Table_has_a_row_per_check_a_summary_and_the_fix()
    {
        var lines = ReportWriters.Table(Report).ReplaceLineEndings("\n").Split('\n');

        Assert.StartsWith("STATUS  CHECK", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^PASS\s+common: sshd active\s+active$", lines[1]);
        Assert.Matches(@"^FAIL\s+docker: daemon answers\s+Cannot connect to the Docker daemon$", lines[2]);
        Assert.Matches(@"^N/A\s+caddy: certificate \| valid\s+tls is off$", lines[3]);
        Assert.Equal("demo: 1 passed, 1 failed, 1 not applicable in 4.2 s", lines[4]);
        Assert.Equal("  to fix 'docker: daemon answers': systemctl restart docker", lines[5]);
    }

    [Fact]
    public void JUnit_is_well_formed_with_suite_counts()
    {
        var suite = XDocument.Parse(ReportWriters.JUnit(Report)).Root!.Element("testsuite")!;

        Assert.Equal("roughneck-validate-demo", (string?)suite.Attribute("name"));
        Assert.Equal("3", (string?)suite.Attribute("tests"));
        Assert.Equal("1", (string?)suite.Attribute("failures"));
        Assert.Equal("1", (string?)suite.Attribute("skipped"));
        Assert.Equal("0", (string?)suite.Attribute("errors"));
        Assert.Equal("4.200", (string?)suite.Attribute("time"));
        Assert.Equal("2025-11-24T10:00:00", (string?)suite.Attribute("timestamp"));
        Assert.Equal(3, suite.Elements("testcase").Count());
    }

    [Fact]
    public void JUnit_failure_has_the_first_line_as_message_and_the_fix_in_the_body()
    {
        var cases = XDocument.Parse(ReportWriters.JUnit(Report)).Descendants("testcase").ToList();

        Assert.Empty(cases[0].Elements());
        Assert.Equal("demo.docker", (string?)cases[1].Attribute("classname"));
        var failure = cases[1].Element("failure")!;
        Assert.Equal("Cannot connect to the Docker daemon", (string?)failure.Attribute("message"));
        Assert.Equal("Cannot connect to the Docker daemon\nIs it running?\nfix: systemctl restart docker", failure.Value);
        Assert.Equal("1.500", (string?)cases[1].Attribute("time"));
    }

    [Fact]
    public void JUnit_marks_not_applicable_as_skipped()
    {
        var skipped = XDocument.Parse(ReportWriters.JUnit(Report)).Descendants("testcase").ElementAt(2).Element("skipped");

        Assert.NotNull(skipped);
        Assert.Equal("not applicable: tls is off", (string?)skipped.Attribute("message"));
    }

    [Fact]
    public void Json_has_counts_success_and_every_check()
    {
        using var document = JsonDocument.Parse(ReportWriters.Json(Report));
        var root = document.RootElement;

        Assert.Equal("demo", root.GetProperty("deployment").GetString());
        Assert.False(root.GetProperty("success").GetBoolean());
        Assert.Equal(1, root.GetProperty("passed").GetInt32());
        Assert.Equal(1, root.GetProperty("failed").GetInt32());
        Assert.Equal(1, root.GetProperty("not_applicable").GetInt32());
        Assert.Equal(4.2, root.GetProperty("duration_seconds").GetDouble());
        Assert.Equal(new[] { "pass", "fail", "n/a" }, root.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("status").GetString()));
        Assert.Equal("systemctl restart docker", root.GetProperty("checks")[1].GetProperty("fix").GetString());
    }

    [Fact]
    public void Markdown_has_a_heading_and_an_escaped_table()
    {
        var markdown = ReportWriters.Markdown(Report);

        Assert.StartsWith("### ❌ Validate `demo`: 1 passed, 1 failed, 1 not applicable", markdown, StringComparison.Ordinal);
        Assert.Contains("| FAIL | docker | daemon answers | Cannot connect to the Docker daemon |", markdown, StringComparison.Ordinal);
        Assert.Contains("| N/A | caddy | certificate \\| valid | tls is off |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void All_passed_is_success_and_no_checks_is_not()
    {
        var passed = Report with { Results = Report.Results.Take(1).ToList() };
        var empty = Report with { Results = Array.Empty<CheckResult>() };

        Assert.True(passed.Success);
        Assert.StartsWith("### ✅", ReportWriters.Markdown(passed), StringComparison.Ordinal);
        Assert.False(empty.Success);
    }
}
