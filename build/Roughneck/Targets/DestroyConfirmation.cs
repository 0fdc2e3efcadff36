namespace Roughneck.Targets;

/// <summary>
/// Destroy asks first. On a terminal the operator types each deployment's name (several
/// deployments: the list is shown first, then each name is typed). Without a terminal, or with
/// CI=true, it never prompts and requires --force. Refusing throws before anything is touched.
/// </summary>
public static class DestroyConfirmation
{
    public static void Require(Session s, IReadOnlyList<string> names) =>
        Require(names, s.Arguments.Fleet.Force, HasTerminal(s.Environment), Console.In, Console.Error);

    public static void Require(IReadOnlyList<string> names, bool force, bool terminal, TextReader input, TextWriter prompt)
    {
        if (force || names.Count == 0) return;
        if (!terminal)
        {
            throw new InvalidOperationException(
                $"Destroy of {string.Join(", ", names)} needs confirmation, and there is no terminal to ask on: " +
                "pass --force to destroy without asking. Nothing was destroyed.");
        }
        prompt.WriteLine(names.Count == 1
            ? $"Destroy deletes the machine of '{names[0]}' and everything generated for it; the spec stays."
            : $"Destroy deletes the machines of these {names.Count} deployments and everything generated for them; the specs stay:");
        if (names.Count > 1)
        {
            foreach (var name in names) prompt.WriteLine("  - " + name);
        }
        foreach (var name in names)
        {
            prompt.Write($"Type '{name}' to destroy it: ");
            prompt.Flush();
            var typed = input.ReadLine()?.Trim();
            if (typed != name)
            {
                throw new InvalidOperationException($"'{typed ?? ""}' is not '{name}': Destroy was not confirmed. Nothing was destroyed.");
            }
        }
    }

    /// <summary>A person can answer: standard input and error are a terminal and this is not CI.</summary>
    public static bool HasTerminal(IReadOnlyDictionary<string, string> environment) =>
        !(environment.TryGetValue("CI", out var ci) && ci is "true" or "1")
        && !Console.IsInputRedirected && !Console.IsErrorRedirected;
}
