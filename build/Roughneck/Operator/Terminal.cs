namespace Roughneck.Operator;

/// <summary>Whether a person is at a terminal: prompts and live progress only then.</summary>
public static class Terminal
{
    /// <summary>Standard input and output are a terminal and this is not CI (CI=true never prompts).</summary>
    public static bool CanPrompt(IReadOnlyDictionary<string, string> environment) =>
        !IsCi(environment) && !Console.IsInputRedirected && !Console.IsOutputRedirected;

    /// <summary>Output is a terminal and this is not CI: redraw a status line instead of printing plain lines.</summary>
    public static bool CanRedraw(IReadOnlyDictionary<string, string> environment) =>
        !IsCi(environment) && !Console.IsOutputRedirected && environment.GetValueOrDefault("TERM") is not (null or "" or "dumb");

    public static bool IsCi(IReadOnlyDictionary<string, string> environment) =>
        string.Equals(environment.GetValueOrDefault("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
