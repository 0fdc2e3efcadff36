using System.Xml.Linq;

namespace Roughneck.Testing;

/// <summary>One skipped test and the reason it gave.</summary>
public sealed record SkippedTest(string Name, string Reason);

/// <summary>What dotnet test's TRX says about a run: the counters and every skipped test.</summary>
public sealed record TestRunResults(int Passed, int Failed, int Skipped, IReadOnlyList<SkippedTest> SkippedTests)
{
    public static readonly TestRunResults Empty = new(0, 0, 0, Array.Empty<SkippedTest>());

    /// <summary>Tests that ran to an outcome (passed or failed); skips do not count.</summary>
    public int Executed => Passed + Failed;

    public static TestRunResults FromTrx(string trxXml)
    {
        var document = XDocument.Parse(trxXml);
        var counters = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "Counters");
        if (counters is null) return Empty;
        int A(string name) => int.TryParse(counters.Attribute(name)?.Value, out var v) ? v : 0;
        var skipped = document.Descendants()
            .Where(e => e.Name.LocalName == "UnitTestResult" && (string?)e.Attribute("outcome") == "NotExecuted")
            .Select(e => new SkippedTest(
                (string?)e.Attribute("testName") ?? "",
                e.Descendants().FirstOrDefault(m => m.Name.LocalName == "Message")?.Value.Trim() ?? ""))
            .ToList();
        // xunit's skips show as NotExecuted results; the counter does not always count them.
        return new TestRunResults(A("passed"), A("failed") + A("error") + A("timeout") + A("aborted"), Math.Max(A("notExecuted"), skipped.Count), skipped);
    }
}
