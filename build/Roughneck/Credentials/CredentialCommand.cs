namespace Roughneck.Credentials;

/// <summary>What the Credentials target does: --list, --set=NAME (value on stdin) or --remove=NAME.</summary>
public sealed record CredentialCommand(bool List, string? Set, string? Remove)
{
    public static readonly CredentialCommand None = new(false, null, null);

    /// <summary>The command-line arguments this adds to Roughneck's known set.</summary>
    public static readonly IReadOnlyList<string> ArgumentNames = new[] { "list", "set", "remove" };

    public static CredentialCommand From(IReadOnlyDictionary<string, string> arguments)
    {
        string? Name(string key) => arguments.TryGetValue(key, out var v) ? v : null;
        var list = arguments.TryGetValue("list", out var l) && l is "" or "true";
        return new CredentialCommand(list, Name("set"), Name("remove"));
    }

    /// <summary>Why the arguments cannot be carried out, or null.</summary>
    public string? Problem()
    {
        var actions = (List ? 1 : 0) + (Set is null ? 0 : 1) + (Remove is null ? 0 : 1);
        if (actions != 1) return "give exactly one of --list, --set=NAME (value on standard input), --remove=NAME";
        var name = Set ?? Remove;
        return name is null || CredentialFile.IsValidName(name) ? null : $"'{name}' is not a credential name: names match ^[A-Z][A-Z0-9_]*$";
    }
}
