using Roughneck.Ansible;
using Roughneck.Ssh;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>SSH control sockets live in a directory only their user can enter, never a fixed /tmp path.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class ControlDirectoryTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public void Without_a_runtime_dir_it_is_a_fresh_private_directory_with_an_unpredictable_name()
    {
        var first = ControlDirectory.Create(null);
        var second = ControlDirectory.Create(null);
        try
        {
            Assert.NotEqual(first, second);
            Assert.Equal(Private, new DirectoryInfo(first).UnixFileMode);
            Assert.True(first.Length + 1 + 40 + 17 < 108, "socket path (dir, %C, ssh's temporary suffix) must fit 108 bytes: " + first);
        }
        finally
        {
            Directory.Delete(first);
            Directory.Delete(second);
        }
    }

    [Fact]
    public void A_private_runtime_dir_is_used_and_a_shared_one_is_not()
    {
        using var runtime = new TempDirectory();
        File.SetUnixFileMode(runtime.Path, Private);
        Assert.Equal(Path.Combine(runtime.Path, "roughneck-cp"), ControlDirectory.Create(runtime.Path));
        Assert.Equal(Private, new DirectoryInfo(Path.Combine(runtime.Path, "roughneck-cp")).UnixFileMode);

        using var shared = new TempDirectory();
        File.SetUnixFileMode(shared.Path, Private | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.OtherRead);
        var chosen = ControlDirectory.Create(shared.Path);
        Assert.False(chosen.StartsWith(shared.Path, StringComparison.Ordinal), "a world-writable runtime dir must not be trusted");
        Directory.Delete(chosen);
    }

    [Fact]
    public void Ansible_gets_the_directory_and_its_config_names_no_shared_tmp_path()
    {
        var settings = new AnsiblePlaybookSettings
        {
            AnsibleDir = "/repo/ansible", Playbook = "site.yml", Inventory = "/i", ExtraVarsFile = "/e", ControlPathDir = "/run/user/1000/roughneck-cp",
        };
        Assert.Equal("/run/user/1000/roughneck-cp", settings.ToEnvironment()["ANSIBLE_SSH_CONTROL_PATH_DIR"]);

        var config = File.ReadAllLines(Path.Combine(RepoRoot.Path, "ansible", "ansible.cfg"));
        Assert.DoesNotContain(config, l => l.TrimStart().StartsWith("control_path_dir", StringComparison.Ordinal));
        Assert.DoesNotContain(config, l => !l.TrimStart().StartsWith('#') && l.Contains("= /tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void The_unused_tmp_ssh_directory_is_gone()
    {
        var library = Path.Combine(RepoRoot.Path, "build", "Roughneck");
        var hits = Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("roughneck-ssh", StringComparison.Ordinal));
        Assert.Empty(hits);
    }
}
