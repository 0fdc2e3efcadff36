namespace Roughneck.Credentials;

/// <summary>Somewhere credentials are kept besides the environment (the age store).</summary>
public interface ICredentialSource
{
    /// <summary>False when there is nothing to read: then it is never opened (CI needs no age).</summary>
    bool Exists { get; }

    string Location { get; }

    /// <summary>Every stored NAME=value; throws on any failure (never an empty answer instead).</summary>
    IReadOnlyDictionary<string, string> Read();
}

/// <summary>Environment first, the store only for what the environment lacks.</summary>
public static class CredentialMerge
{
    /// <summary>The environment wins; a stored value fills a name that is missing or empty there.</summary>
    public static IReadOnlyDictionary<string, string> Merge(IReadOnlyDictionary<string, string> environment, IReadOnlyDictionary<string, string> stored)
    {
        var merged = new Dictionary<string, string>(environment, StringComparer.Ordinal);
        foreach (var (name, value) in stored)
        {
            if (!merged.TryGetValue(name, out var current) || current.Length == 0) merged[name] = value;
        }
        return merged;
    }

    /// <summary>
    /// The environment unchanged when it already satisfies the caller (or there is no store);
    /// otherwise the environment merged over the store's content.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Complete(IReadOnlyDictionary<string, string> environment,
        Func<IReadOnlyDictionary<string, string>, bool> satisfied, ICredentialSource? store)
    {
        if (satisfied(environment) || store is null || !store.Exists) return environment;
        return Merge(environment, store.Read());
    }
}
