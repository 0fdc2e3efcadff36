namespace Roughneck.Testing;

/// <summary>
/// What a CI run (CI=true) must show beyond "nothing failed": no skipped test other than those
/// on the allow-list (tests/allowed-skips.txt), and at least as many executed tests as the floor
/// (tests/test-floor.txt). Locally, skips are reported but allowed.
/// </summary>
public sealed record TestGate(IReadOnlyDictionary<string, string> AllowedSkips, IReadOnlyDictionary<string, int> Floors)
{
    public const string AllowListFile = "tests/allowed-skips.txt";
    public const string FloorFile = "tests/test-floor.txt";

    public static TestGate Load(string repoRoot) => new(
        ParseAllowList(File.ReadAllText(Path.Combine(repoRoot, AllowListFile))),
        ParseFloors(File.ReadAllText(Path.Combine(repoRoot, FloorFile))));

    /// <summary>
    /// "Test.Name | reason" per line; # starts a comment. A method's name covers all its cases; a
    /// case's full name (as dotnet test shows it, with its arguments) covers that case only.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParseAllowList(string text)
    {
        var allowed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, number) in Lines(text))
        {
            var bar = line.IndexOf('|');
            var name = bar < 0 ? line : line[..bar].Trim();
            var reason = bar < 0 ? "" : line[(bar + 1)..].Trim();
            if (name.Length == 0 || reason.Length == 0)
            {
                throw new FormatException($"{AllowListFile}:{number}: expected 'Test.Name | reason', found '{line}'");
            }
            allowed[name] = reason;
        }
        return allowed;
    }

    /// <summary>"full N" and "fast N" lines; # starts a comment.</summary>
    public static IReadOnlyDictionary<string, int> ParseFloors(string text)
    {
        var floors = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, number) in Lines(text))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || parts[0] is not ("full" or "fast") || !int.TryParse(parts[1], out var floor) || floor < 0)
            {
                throw new FormatException($"{FloorFile}:{number}: expected 'full N' or 'fast N', found '{line}'");
            }
            floors[parts[0]] = floor;
        }
        return floors;
    }

    /// <summary>Why a CI run must fail (empty: it may pass). kind is "full" or "fast"; null skips the floor (a filtered run).</summary>
    public IReadOnlyList<string> Problems(TestRunResults results, string? kind)
    {
        var problems = new List<string>();
        foreach (var skip in results.SkippedTests.Where(t => !IsAllowed(t.Name)))
        {
            problems.Add($"skipped under CI and not on {AllowListFile}: {skip.Name}: {skip.Reason}");
        }
        if (kind is not null && Floors.TryGetValue(kind, out var floor) && results.Executed < floor)
        {
            problems.Add($"only {results.Executed} tests ran, fewer than the floor of {floor} in {FloorFile} ({kind})");
        }
        return problems;
    }

    private bool IsAllowed(string testName)
    {
        var paren = testName.IndexOf('(');
        var method = paren < 0 ? testName : testName[..paren];
        return AllowedSkips.ContainsKey(method) || AllowedSkips.ContainsKey(testName);
    }

    // A comment starts at a # at the line's start or after a blank.
    private static string StripComment(string line)
    {
        var match = System.Text.RegularExpressions.Regex.Match(line, @"(^|\s)#");
        return match.Success ? line[..match.Index] : line;
    }

    private static IEnumerable<(string Line, int Number)> Lines(string text) =>
        text.Split('\n')
            .Select((line, index) => (Line: StripComment(line).Trim(), Number: index + 1))
            .Where(l => l.Line.Length > 0);
}
