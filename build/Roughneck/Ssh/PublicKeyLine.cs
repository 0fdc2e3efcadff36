using System.Buffers.Binary;
using System.Text;

namespace Roughneck.Ssh;

/// <summary>One OpenSSH public key line ("type base64 [comment]"), checked the way sshd reads it.</summary>
public static class PublicKeyLine
{
    public static readonly IReadOnlyList<string> Types = new[]
    {
        "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    };

    /// <summary>Why the line is not a usable public key, or null when it is.</summary>
    public static string? Problem(string line)
    {
        var parts = line.Trim().Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return "is not an OpenSSH public key line (\"ssh-ed25519 AAAA... comment\", as in id_ed25519.pub)";
        }
        if (parts[0].Contains("PRIVATE KEY", StringComparison.Ordinal) || line.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            return "is a private key: list public keys only (the .pub file)";
        }
        if (!Types.Contains(parts[0], StringComparer.Ordinal))
        {
            return $"key type '{parts[0]}' is not one of: {string.Join(", ", Types)}";
        }
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(parts[1]);
        }
        catch (FormatException)
        {
            return "the key data is not base64";
        }
        if (BlobType(blob) != parts[0])
        {
            return $"the key data is not a {parts[0]} key (the line is damaged or its type is wrong)";
        }
        return null;
    }

    /// <summary>"type base64", without the comment: what identifies the key.</summary>
    public static string WithoutComment(string line)
    {
        var parts = line.Trim().Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 ? parts[0] + " " + parts[1] : line.Trim();
    }

    /// <summary>The key type written at the start of a public key blob (an SSH "string").</summary>
    internal static string? BlobType(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < 4) return null;
        var length = BinaryPrimitives.ReadUInt32BigEndian(blob);
        if (length == 0 || length > 64 || blob.Length < 4 + length) return null;
        return Encoding.ASCII.GetString(blob.Slice(4, (int)length));
    }
}
