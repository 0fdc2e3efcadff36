using System.Text;
using System.Text.RegularExpressions;

namespace Roughneck.Credentials;

/// <summary>Public keys (recipients) and identity files of age, recognised without running age.</summary>
public static class AgeKeys
{
    // age1… (X25519 and plugins: lower-case bech32) or an SSH public key without its comment.
    private static readonly Regex AgeRecipient = new(@"^age1[0-9a-z]+\z", RegexOptions.CultureInvariant);
    private static readonly Regex SshRecipient = new(@"^(ssh-ed25519|ssh-rsa) [A-Za-z0-9+/]+={0,3}\z", RegexOptions.CultureInvariant);

    /// <summary>True for a public key only: the one kind of value the encrypt command line may carry.</summary>
    public static bool IsRecipient(string text) => AgeRecipient.IsMatch(text) || SshRecipient.IsMatch(text);

    /// <summary>Recipients, one a line (# comments, blank lines); an SSH key's comment is dropped.</summary>
    public static IReadOnlyList<string> ParseRecipients(string text, string source)
    {
        var recipients = new List<string>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith("AGE-SECRET-KEY-", StringComparison.OrdinalIgnoreCase))
            {
                throw new CredentialStoreException($"{source} line {i + 1} holds a secret key: it must list public keys (age1…) only");
            }
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var recipient = fields[0].StartsWith("ssh-", StringComparison.Ordinal) && fields.Length >= 2 ? fields[0] + " " + fields[1] : fields[0];
            if (fields[0].StartsWith("age1", StringComparison.Ordinal) && fields.Length > 1 || !IsRecipient(recipient))
            {
                throw new CredentialStoreException($"{source} line {i + 1} is not an age public key (age1…) or SSH public key (ssh-ed25519 …)");
            }
            if (!recipients.Contains(recipient)) recipients.Add(recipient);
        }
        return recipients;
    }

    /// <summary>
    /// True when the identity file is itself age-encrypted (age -p: binary or armored), so age asks
    /// for its passphrase on the terminal; false for a plain AGE-SECRET-KEY file or an SSH key.
    /// </summary>
    public static bool IsPassphraseProtected(ReadOnlySpan<byte> head) =>
        head.StartsWith("age-encryption.org/"u8) || head.StartsWith("-----BEGIN AGE ENCRYPTED FILE-----"u8);

    public static bool IsPassphraseProtected(string identityFile)
    {
        Span<byte> head = stackalloc byte[64];
        using var stream = File.OpenRead(identityFile);
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return IsPassphraseProtected(head[..read]);
    }

    public static string Describe(IEnumerable<string> recipients) =>
        string.Join(", ", recipients.Select(r => r.Length > 24 ? r[..20] + "…" : r));

    internal static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
