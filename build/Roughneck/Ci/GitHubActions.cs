namespace Roughneck.Ci;

/// <summary>
/// Workflow commands when running under GitHub Actions (GITHUB_ACTIONS=true): a collapsible
/// group per task and error annotations. Elsewhere every method does nothing.
/// </summary>
public static class GitHubActions
{
    public static bool IsActive(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue("GITHUB_ACTIONS", out var value) && value == "true";

    public static void BeginGroup(IReadOnlyDictionary<string, string> environment, string title)
    {
        if (IsActive(environment)) Emit("::group::" + EscapeData(title));
    }

    public static void EndGroup(IReadOnlyDictionary<string, string> environment)
    {
        if (IsActive(environment)) Emit("::endgroup::");
    }

    /// <summary>An error annotation on the run's summary page: title and message.</summary>
    public static void Error(IReadOnlyDictionary<string, string> environment, string title, string message)
    {
        if (IsActive(environment)) Emit(ErrorCommand(title, message));
    }

    public static string ErrorCommand(string title, string message) =>
        $"::error title={EscapeProperty(title)}::{EscapeData(message)}";

    // The runner's escaping rules for workflow commands: data escapes %, CR, LF; properties also : and ,.
    public static string EscapeData(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static void Emit(string line)
    {
        lock (Console.Out)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }
}
