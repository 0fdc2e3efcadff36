using System.Buffers.Binary;
using System.Text;

namespace Roughneck.Ssh;

/// <summary>
/// Reads the public half out of an OpenSSH private key ("-----BEGIN OPENSSH PRIVATE KEY-----"),
/// whose header carries it in clear: no ssh-keygen, no file, nothing of the key on a command line.
/// </summary>
public static class OpenSshPrivateKey
{
    private const string Begin = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private const string End = "-----END OPENSSH PRIVATE KEY-----";
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("openssh-key-v1\0");

    /// <summary>The key text as ssh reads it: LF line ends, one final newline (CI secrets often lose it).</summary>
    public static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() + "\n";

    /// <summary>"type base64 comment" of the key's public half; throws with a reason when the text is not usable.</summary>
    public static string PublicKeyLine(string text, string comment)
    {
        var normalized = Normalize(text);
        var begin = normalized.IndexOf(Begin, StringComparison.Ordinal);
        var end = normalized.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            throw new FormatException(normalized.Contains("PRIVATE KEY-----", StringComparison.Ordinal)
                ? "is a private key in an older format; convert it with: ssh-keygen -p -N '' -f KEYFILE (writes the OpenSSH format)"
                : "is not an OpenSSH private key (\"-----BEGIN OPENSSH PRIVATE KEY-----\"; the text of id_ed25519, not of id_ed25519.pub)");
        }
        byte[] data;
        try
        {
            data = Convert.FromBase64String(normalized[(begin + Begin.Length)..end].Replace("\n", "", StringComparison.Ordinal).Trim());
        }
        catch (FormatException)
        {
            throw new FormatException("is damaged: its body is not base64");
        }
        var reader = new Reader(data);
        if (!reader.Take(Magic.Length).SequenceEqual(Magic)) throw new FormatException("is damaged: no openssh-key-v1 header");
        var cipher = Encoding.ASCII.GetString(reader.String());
        reader.String(); // kdf name
        reader.String(); // kdf options
        var count = reader.UInt32();
        if (count != 1) throw new FormatException($"holds {count} keys; give exactly one");
        var blob = reader.String().ToArray();
        if (cipher != "none")
        {
            throw new FormatException("is protected by a passphrase, which no unattended run can type; use a key without one, kept in a secret store");
        }
        var type = Ssh.PublicKeyLine.BlobType(blob) ?? throw new FormatException("is damaged: its public key has no type");
        var line = $"{type} {Convert.ToBase64String(blob)}";
        return comment.Length > 0 ? line + " " + comment : line;
    }

    private ref struct Reader
    {
        private ReadOnlySpan<byte> _rest;

        public Reader(ReadOnlySpan<byte> data) => _rest = data;

        public ReadOnlySpan<byte> Take(int count)
        {
            if (_rest.Length < count) throw new FormatException("is damaged: it ends too early");
            var taken = _rest[..count];
            _rest = _rest[count..];
            return taken;
        }

        public uint UInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

        public ReadOnlySpan<byte> String() => Take(checked((int)UInt32()));
    }
}
