using Roughneck.Processes;
using Roughneck.Testing;

namespace Roughneck.Targets;

/// <summary>
/// Test: dotnet test over the whole suite (--fast: the unit tests and the static checks only),
/// then one line "N passed, N failed, N skipped". Under CI=true a skip off the allow-list, or
/// fewer tests than the floor, fails the run too (see TestGate).
/// </summary>
public static class TestStep
{
    /// <summary>The fast path's selection: needs only dotnet, and node for the static checks.</summary>
    public const string FastFilter = "FullyQualifiedName~Roughneck.Tests.Unit.|Category=Static";

    public static void Run(Session s) => RunAsync(s).GetAwaiter().GetResult();

    public static async Task RunAsync(Session s)
    {
        var results = Path.Combine(s.Repo.CacheDir, "test-results");
        if (Directory.Exists(results)) Directory.Delete(results, recursive: true);
        s.Environment.TryGetValue("ROUGHNECK_TEST_FILTER", out var userFilter);
        var filter = Filter(s.Arguments.Fast, userFilter);
        var arguments = new List<string>
        {
            "test", Path.Combine(s.Repo.Root, "tests", "Roughneck.Tests", "Roughneck.Tests.csproj"),
            "-c", "Release", "--nologo",
            "--logger", "trx;LogFileName=results.trx",
            "--logger", "console;verbosity=normal",
            "--results-directory", results,
        };
        if (filter is not null) arguments.AddRange(new[] { "--filter", filter });
        var run = await s.Processes.RunAsync(new ProcessSpec("dotnet", arguments, s.Repo.Root),
            new ProcessOptions { Stream = true, Timeout = TimeSpan.FromMinutes(85) });
        var trx = Directory.Exists(results) ? Directory.GetFiles(results, "*.trx", SearchOption.AllDirectories).FirstOrDefault() : null;
        var outcome = trx is null ? TestRunResults.Empty : TestRunResults.FromTrx(File.ReadAllText(trx));
        var failed = run.ExitCode != 0 && outcome.Failed == 0 ? 1 : outcome.Failed; // the run itself broke (build error, crash)
        foreach (var skip in outcome.SkippedTests) Console.WriteLine($"  skipped: {skip.Name}: {skip.Reason}");
        var problems = new List<string>();
        if (IsCi(s.Environment))
        {
            // A filtered run chooses its own size: the floor applies to the full suite and to --fast only.
            var kind = !string.IsNullOrEmpty(userFilter) ? null : s.Arguments.Fast ? "fast" : "full";
            problems.AddRange(TestGate.Load(s.Repo.Root).Problems(outcome, kind).Select(p => "CI=true: " + p));
        }
        // Each gate problem (a skip off the allow-list, a run under the floor) counts as a failed check,
        // and so does a run that ran nothing.
        var nothingRan = outcome.Passed == 0 && failed == 0 ? 1 : 0;
        var line = $"{outcome.Passed} passed, {failed + problems.Count + nothingRan} failed, {outcome.Skipped} skipped";
        Console.WriteLine(line);
        Directory.CreateDirectory(results);
        File.WriteAllText(Path.Combine(results, "summary.txt"), line + "\n"); // build.sh repeats it as the last line
        if (failed > 0 || outcome.Passed == 0) problems.Add($"tests failed ({failed} failed, {outcome.Passed} passed, dotnet test exit {run.ExitCode})");
        foreach (var problem in problems) Console.WriteLine(problem);
        if (problems.Count > 0) throw new InvalidOperationException(problems[^1]);
    }

    /// <summary>The --filter for dotnet test: --fast's selection and ROUGHNECK_TEST_FILTER, both when given.</summary>
    public static string? Filter(bool fast, string? userFilter) => (fast, string.IsNullOrEmpty(userFilter)) switch
    {
        (false, true) => null,
        (false, false) => userFilter,
        (true, true) => FastFilter,
        (true, false) => $"({FastFilter})&({userFilter})",
    };

    public static bool IsCi(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue("CI", out var ci) && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    public static (int Passed, int Failed, int Skipped) Count(string trxXml)
    {
        var results = TestRunResults.FromTrx(trxXml);
        return (results.Passed, results.Failed, results.Skipped);
    }
}
