namespace Roughneck.Processes;

/// <summary>Replaces every known secret value in text before it is printed or kept.</summary>
public sealed class Redactor
{
    private readonly List<string> _secrets = new();

    public void Add(string? secret)
    {
        // Very short values would blank out ordinary words; such secrets are refused elsewhere.
        if (!string.IsNullOrEmpty(secret) && secret.Length >= 4 && !_secrets.Contains(secret))
        {
            _secrets.Add(secret);
            _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
        }
    }

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }
        return text;
    }
}
