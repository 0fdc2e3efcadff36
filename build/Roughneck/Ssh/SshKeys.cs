using System.Security.Cryptography;
using Roughneck.Processes;

namespace Roughneck.Ssh;

/// <summary>Creates a deployment's login key and host key once; later runs reuse them.</summary>
public sealed class SshKeys
{
    private readonly IProcessRunner _processes;

    public SshKeys(IProcessRunner processes) => _processes = processes;

    public async Task EnsureAsync(string privateKeyPath, string comment, CancellationToken ct = default)
    {
        if (File.Exists(privateKeyPath) && File.Exists(privateKeyPath + ".pub")) return;
        Directory.CreateDirectory(Path.GetDirectoryName(privateKeyPath)!);
        File.Delete(privateKeyPath);
        File.Delete(privateKeyPath + ".pub");
        var result = await _processes.RunAsync(
            new ProcessSpec("ssh-keygen", new[] { "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", privateKeyPath }),
            new ProcessOptions { Stream = false }, ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-keygen failed: {result.StandardError.Trim()}");
        }
        Deployments.SecureFiles.Restrict(privateKeyPath);
    }

    /// <summary>OpenSSH's SHA256 fingerprint of a public key line ("ssh-ed25519 AAAA... comment").</summary>
    public static string Fingerprint(string publicKeyLine)
    {
        var parts = publicKeyLine.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) throw new FormatException("not an OpenSSH public key line");
        var blob = Convert.FromBase64String(parts[1]);
        return "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');
    }

    /// <summary>"type base64" without the comment.</summary>
    public static string KeyWithoutComment(string publicKeyLine)
    {
        var parts = publicKeyLine.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts[0] + " " + parts[1];
    }
}
