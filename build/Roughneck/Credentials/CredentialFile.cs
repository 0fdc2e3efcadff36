using System.Text;
using System.Text.RegularExpressions;

namespace Roughneck.Credentials;

/// <summary>A problem with the credential store: the message never holds a stored value.</summary>
public sealed class CredentialStoreException : Exception
{
    public CredentialStoreException(string message) : base(message) { }
}

/// <summary>
/// The decrypted content of the credential store: <c>NAME=value</c> lines, names matching
/// ^[A-Z][A-Z0-9_]*$, one value per line. Blank lines and lines starting with # are ignored.
/// Pure functions; error messages name lines and names, never values.
/// </summary>
public static class CredentialFile
{
    private static readonly Regex NamePattern = new(@"^[A-Z][A-Z0-9_]*\z", RegexOptions.CultureInvariant);

    public static bool IsValidName(string? name) => name is not null && NamePattern.IsMatch(name);

    public static void CheckName(string name)
    {
        if (!IsValidName(name))
        {
            throw new CredentialStoreException($"'{name}' is not a credential name: names match ^[A-Z][A-Z0-9_]*$ (e.g. HCLOUD_TOKEN)");
        }
    }

    public static void CheckValue(string name, string value)
    {
        if (value.Length == 0) throw new CredentialStoreException($"the value of {name} is empty");
        if (value.IndexOfAny(new[] { '\n', '\r', '\0' }) >= 0)
        {
            throw new CredentialStoreException($"the value of {name} holds a line break or NUL: one value is one line");
        }
    }

    public static SortedDictionary<string, string> Parse(string text, string source)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (text.StartsWith('\uFEFF')) text = text[1..];
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            var equals = line.IndexOf('=');
            var name = equals < 0 ? null : line[..equals];
            if (!IsValidName(name))
            {
                throw new CredentialStoreException($"{source} line {i + 1} is not NAME=value with a name matching ^[A-Z][A-Z0-9_]*$");
            }
            var value = line[(equals + 1)..];
            if (value.Length == 0 || value.Contains('\0'))
            {
                throw new CredentialStoreException($"{source} line {i + 1}: the value of {name} is empty or holds NUL");
            }
            if (!values.TryAdd(name!, value))
            {
                throw new CredentialStoreException($"{source} line {i + 1}: {name} appears twice");
            }
        }
        return values;
    }

    public static string Format(IReadOnlyDictionary<string, string> values)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            CheckName(name);
            CheckValue(name, value);
            text.Append(name).Append('=').Append(value).Append('\n');
        }
        return text.ToString();
    }
}
