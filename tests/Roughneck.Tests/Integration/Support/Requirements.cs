using Roughneck.Targets;
using Xunit;

namespace Roughneck.Tests.Integration.Support;

/// <summary>
/// What an integration test needs on this machine. A missing piece skips the test with the
/// reason in its output (never silently); on the CI machine kind everything is present.
/// </summary>
internal static class Requirements
{
    public static void Commands(params string[] commands)
    {
        var missing = commands.Where(c => !LocalPrerequisites.OnPath(c)).ToList();
        Skip.If(missing.Count > 0, $"SKIPPED: needs {string.Join(", ", missing)} on PATH (./build.sh installs them on Debian/Ubuntu as root)");
    }

    /// <summary>The bin folder of an installed PostgreSQL server (for TestSupport.PostgresServer).</summary>
    public static string Postgres()
    {
        var bin = TestSupport.PostgresServer.FindBinDir();
        Skip.If(bin is null, "SKIPPED: needs PostgreSQL's server (Debian package postgresql; ./build.sh --target=Test installs it as root)");
        Commands("runuser");
        return bin!;
    }

    public static void LocalSandbox()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "SKIPPED: the local sandbox needs Linux");
        Skip.If(Environment.UserName != "root", "SKIPPED: the local sandbox needs root");
        Commands("terraform", "ansible-playbook", "systemd-nspawn", "debootstrap", "tinyproxy", "ip", "nft", "ssh");
    }
}
