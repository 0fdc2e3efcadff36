using Roughneck.Deployments;
using Roughneck.Processes;

namespace Roughneck.Ssh;

/// <summary>
/// The key this run logs in with. From ROUGHNECK_SSH_PRIVATE_KEY (a CI secret): ssh needs a file,
/// so the key lives for the run only in a 0600 file inside a fresh 0700 folder of the runtime
/// directory, removed on Dispose, and its text is redacted from all output. Otherwise the key
/// generated once in the deployment's .roughneck/ssh.
/// </summary>
public sealed class LoginKey : IDisposable
{
    public const string EnvironmentVariable = "ROUGHNECK_SSH_PRIVATE_KEY";
    private readonly string? _runtimeDir;

    private LoginKey(string privateKeyPath, string publicKey, string source, string? runtimeDir)
    {
        PrivateKeyPath = privateKeyPath;
        PublicKey = publicKey;
        Source = source;
        _runtimeDir = runtimeDir;
    }

    public string PrivateKeyPath { get; }

    /// <summary>"type base64 comment".</summary>
    public string PublicKey { get; }

    /// <summary>Where the key came from, for messages (never the key).</summary>
    public string Source { get; }

    public static async Task<LoginKey> ResolveAsync(string deploymentName, DeploymentPaths paths, IReadOnlyDictionary<string, string> environment,
        Redactor redactor, IProcessRunner processes, CancellationToken ct = default)
    {
        if (environment.TryGetValue(EnvironmentVariable, out var text) && text.Trim().Length > 0)
        {
            return FromText(text, $"roughneck-{deploymentName}", redactor, RuntimeBase(environment));
        }
        await new SshKeys(processes).EnsureAsync(paths.LoginKey, $"roughneck-{deploymentName}", ct);
        return new LoginKey(paths.LoginKey, (await File.ReadAllTextAsync(paths.LoginKeyPublic, ct)).Trim(),
            Path.GetFileName(paths.Dir) + "/.roughneck/ssh/id_ed25519", null);
    }

    public static LoginKey FromText(string text, string comment, Redactor redactor, string runtimeBase)
    {
        var key = OpenSshPrivateKey.Normalize(text);
        Redact(redactor, key);
        string publicKey;
        try
        {
            publicKey = OpenSshPrivateKey.PublicKeyLine(key, comment);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"{EnvironmentVariable} {e.Message}");
        }
        var dir = Path.Combine(runtimeBase, "roughneck-key-" + Guid.NewGuid().ToString("N")[..16]);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dir);
        }
        else
        {
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var file = Path.Combine(dir, "id");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(file, System.Text.Encoding.ASCII, options))
        {
            writer.Write(key);
        }
        return new LoginKey(file, publicKey, EnvironmentVariable, dir);
    }

    /// <summary>The key's text and each of its lines: output comes line by line.</summary>
    public static void Redact(Redactor redactor, string text)
    {
        var key = OpenSshPrivateKey.Normalize(text);
        redactor.Add(key.Trim());
        foreach (var line in key.Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 16 && !l.StartsWith("-----", StringComparison.Ordinal)))
        {
            redactor.Add(line);
        }
    }

    /// <summary>XDG_RUNTIME_DIR when it is ours (a tmpfs, private), else the temp folder.</summary>
    private static string RuntimeBase(IReadOnlyDictionary<string, string> environment)
    {
        if (environment.TryGetValue("XDG_RUNTIME_DIR", out var runtime) && runtime.Length > 0 && Directory.Exists(runtime)) return runtime;
        return Path.GetTempPath();
    }

    public void Dispose()
    {
        if (_runtimeDir is null) return;
        try { Directory.Delete(_runtimeDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
