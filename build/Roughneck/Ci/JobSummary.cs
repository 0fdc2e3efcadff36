using System.Text;

namespace Roughneck.Ci;

/// <summary>
/// The GitHub Actions job summary (the Markdown file named by GITHUB_STEP_SUMMARY). Any part of
/// Roughneck adds a section with Append; outside GitHub Actions it does nothing. Sections are
/// appended whole, under a lock, so parallel deployments never interleave.
/// </summary>
public static class JobSummary
{
    private static readonly object Gate = new();

    public static bool IsActive(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue("GITHUB_STEP_SUMMARY", out var file) && file.Length > 0;

    public static void Append(IReadOnlyDictionary<string, string> environment, string markdown)
    {
        if (!environment.TryGetValue("GITHUB_STEP_SUMMARY", out var file) || file.Length == 0) return;
        var text = new StringBuilder(markdown.TrimEnd('\n')).Append("\n\n").ToString();
        lock (Gate) File.AppendAllText(file, text);
    }

    /// <summary>Appends a Markdown file the run wrote (plan.md, a report) when it exists.</summary>
    public static void AppendFile(IReadOnlyDictionary<string, string> environment, string path)
    {
        if (IsActive(environment) && File.Exists(path)) Append(environment, File.ReadAllText(path));
    }
}
