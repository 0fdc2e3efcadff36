namespace Roughneck.Tests.Integration.Support;

/// <summary>
/// The real terraform behind a recording wrapper: each call's subcommand and the SHA-256 of the
/// cloud tokens in its environment go to calls.log (hashes, never values). Put the folder first on PATH.
/// </summary>
internal static class TerraformShim
{
    /// <summary>
    /// A folder holding a terraform that records each call's subcommand and the SHA-256 of the
    /// cloud tokens in its environment, then runs the real terraform.
    /// </summary>
    public static string Create(string parent, out string calls)
    {
        var real = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(d => Path.Combine(d, "terraform")).First(File.Exists);
        var dir = Path.Combine(parent, "shim");
        Directory.CreateDirectory(dir);
        calls = Path.Combine(dir, "calls.log");
        var script = $$"""
            #!/bin/sh
            sub=""
            for a in "$@"; do case "$a" in -*) ;; *) sub=$a; break ;; esac; done
            printf 'call %s \n' "$sub" >>'{{calls}}'
            for n in HCLOUD_TOKEN DIGITALOCEAN_TOKEN AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY; do
              eval "v=\${$n:-}"
              [ -n "$v" ] && printf '%s %s %s\n' "$sub" "$n" "$(printf %s "$v" | sha256sum | cut -c1-64)" >>'{{calls}}'
            done
            exec '{{real}}' "$@"
            """;
        var file = Path.Combine(dir, "terraform");
        File.WriteAllText(file, script.Replace("\r", ""));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return dir;
    }

    public static string Sha256(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
