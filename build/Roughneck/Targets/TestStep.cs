using System.Xml.Linq;
using Roughneck.Processes;

namespace Roughneck.Targets;

/// <summary>Test: dotnet test over the whole suite, then one line "N passed, N failed, N skipped".</summary>
public static class TestStep
{
    public static void Run(Session s) => RunAsync(s).GetAwaiter().GetResult();

    public static async Task RunAsync(Session s)
    {
        var results = Path.Combine(s.Repo.CacheDir, "test-results");
        if (Directory.Exists(results)) Directory.Delete(results, recursive: true);
        var arguments = new List<string>
        {
            "test", Path.Combine(s.Repo.Root, "tests", "Roughneck.Tests", "Roughneck.Tests.csproj"),
            "-c", "Release", "--nologo",
            "--logger", "trx;LogFileName=results.trx",
            "--logger", "console;verbosity=normal",
            "--results-directory", results,
        };
        if (s.Environment.TryGetValue("ROUGHNECK_TEST_FILTER", out var filter) && filter.Length > 0)
        {
            arguments.AddRange(new[] { "--filter", filter });
        }
        var run = await s.Processes.RunAsync(new ProcessSpec("dotnet", arguments, s.Repo.Root),
            new ProcessOptions { Stream = true, Timeout = TimeSpan.FromMinutes(85) });
        var trx = Directory.Exists(results) ? Directory.GetFiles(results, "*.trx", SearchOption.AllDirectories).FirstOrDefault() : null;
        var (passed, failed, skipped) = trx is null ? (0, 0, 0) : Count(File.ReadAllText(trx));
        if (run.ExitCode != 0 && failed == 0) failed = 1; // the run itself broke (build error, crash)
        Console.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped");
        if (failed > 0 || passed == 0)
        {
            throw new InvalidOperationException($"tests failed ({failed} failed, dotnet test exit {run.ExitCode})");
        }
    }

    public static (int Passed, int Failed, int Skipped) Count(string trxXml)
    {
        var document = XDocument.Parse(trxXml);
        var counters = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "Counters");
        if (counters is null) return (0, 0, 0);
        int A(string name) => int.TryParse(counters.Attribute(name)?.Value, out var v) ? v : 0;
        var passed = A("passed");
        return (passed, A("failed") + A("error") + A("timeout") + A("aborted"), A("notExecuted"));
    }
}
