namespace Roughneck.Deployments;

/// <summary>ROUGHNECK_* variables that configure the tool itself rather than a deployment.</summary>
public static class ToolEnvironment
{
    public static readonly IReadOnlyList<string> Known = new[]
    {
        "ROUGHNECK_NO_INSTALL",        // build.sh: never install prerequisites
        "ROUGHNECK_DEBIAN_MIRROR",     // local sandbox: Debian mirror for the rootfs
        "ROUGHNECK_SANDBOX_DIR",       // local sandbox: where rootfs cache and machines live
        "ROUGHNECK_TF_PLUGIN_MIRROR",  // extra Terraform provider filesystem mirror
        "ROUGHNECK_LOCK_WAIT",         // seconds to wait for another run's lock (default 0)
        "ROUGHNECK_CREDENTIALS_FILE",  // age-encrypted credential store
        "ROUGHNECK_AGE_IDENTITY",      // age identity that opens it
        "ROUGHNECK_TEST_FILTER",       // Test target: dotnet test --filter
        "ROUGHNECK_DEPLOYMENTS_DIR",   // where deployments/ live (tests)
        "ROUGHNECK_VERBOSE",           // print every command run (redacted) and its duration
        "ROUGHNECK_SANDBOX_KEEP_FAILED",     // local sandbox: keep a machine that failed to boot
        "ROUGHNECK_DEBIAN_SECURITY_MIRROR",  // local sandbox: Debian security mirror
        "ROUGHNECK_RESULT_FD",         // build.sh: the file descriptor Matrix writes its JSON to
        "ROUGHNECK_SSH_PRIVATE_KEY",   // the login key (OpenSSH text, a CI secret); never written in clear
    };

    /// <summary>Secrets passed to child processes, never written: ROUGHNECK_SECRET_*.</summary>
    public const string SecretPrefix = "ROUGHNECK_SECRET_";

    public static bool IsToolVariable(string name) =>
        Known.Contains(name) || name.StartsWith(SecretPrefix, StringComparison.Ordinal);
}
