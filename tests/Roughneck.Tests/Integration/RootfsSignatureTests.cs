using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>The sandbox rootfs is built only from a Debian archive whose signature checks out; nothing unverified is cached.</summary>
public class RootfsSignatureTests
{
    private static (int Exit, string Output) BuildCache(string cacheDir, string keyring)
    {
        var script = RepoRoot.Combine("terraform", "providers", "local", "scripts", "rootfs-cache.sh");
        return ProcessCapture.Run("env", RepoRoot.Path, "RN_ROOTFS_CACHE_DIR=" + cacheDir, "RN_ARCHIVE_KEYRING=" + keyring, "bash", script);
    }

    private static void RequireRootAndDebootstrap()
    {
        Skip.If(Environment.UserName != "root", "SKIPPED: debootstrap needs root");
        Requirements.Commands("debootstrap");
    }

    [SkippableFact]
    public void A_release_file_signed_by_a_key_outside_the_keyring_stops_the_build()
    {
        RequireRootAndDebootstrap();
        // A real keyring whose keys do not sign Debian's archive today: the keys Debian retired
        // (shipped by debian-archive-keyring), or on Ubuntu hosts Ubuntu's own archive keys.
        var foreign = new[] { "/usr/share/keyrings/debian-archive-removed-keys.gpg", "/usr/share/keyrings/ubuntu-archive-keyring.gpg" }
            .FirstOrDefault(File.Exists);
        Skip.If(foreign is null, "SKIPPED: needs debian-archive-keyring (./build.sh installs it)");
        using var cache = new TempDirectory();

        var (exit, output) = BuildCache(cache.Path, foreign!);

        Assert.True(exit != 0, "debootstrap must refuse an archive it cannot verify:\n" + output);
        Assert.Contains("debootstrap failed", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(cache.Path), e => e.EndsWith(".tar", StringComparison.Ordinal) || e.EndsWith(".tree", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void A_missing_keyring_stops_the_build_before_anything_is_downloaded()
    {
        RequireRootAndDebootstrap();
        using var cache = new TempDirectory();

        var (exit, output) = BuildCache(cache.Path, "/nonexistent/debian-archive-keyring.gpg");

        Assert.True(exit != 0, output);
        Assert.Contains("the Debian archive keyring /nonexistent/debian-archive-keyring.gpg is missing", output, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y debian-archive-keyring", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(cache.Path), e => !Path.GetFileName(e).StartsWith('.'));
    }
}
