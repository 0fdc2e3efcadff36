using Roughneck.Ssh;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>SshTarget: always the pinned key and the deployment's own known_hosts.</summary>
public class SshTargetTests
{
    private static readonly SshTarget Target = new("203.0.113.10", 2222, "roughneck", "/d/ssh/id_ed25519", "/d/known_hosts", "/run/user/1000/roughneck-cp");

    [Fact]
    public void Batch_command_has_pinning_identity_port_destination_and_command_after_double_dash()
    {
        Assert.Equal(
            new[]
            {
                "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=/d/known_hosts", "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "IdentitiesOnly=yes", "-o", "ConnectTimeout=5", "-o", "ServerAliveInterval=15", "-o", "BatchMode=yes",
                "-i", "/d/ssh/id_ed25519", "-p", "2222", "roughneck@203.0.113.10", "--", "bash", "-s",
            },
            Target.SshArguments(batch: true, "bash", "-s"));
    }

    [Fact]
    public void Interactive_shell_has_no_batch_mode_and_no_command()
    {
        var args = Target.SshArguments(batch: false);

        Assert.DoesNotContain("BatchMode=yes", args);
        Assert.Equal("roughneck@203.0.113.10", args[^1]);
        Assert.Contains("StrictHostKeyChecking=yes", args);
        Assert.DoesNotContain("--", args);
    }

    [Fact]
    public void Host_key_checking_is_never_relaxed()
    {
        var options = string.Join(" ", Target.Options(batch: true));

        Assert.DoesNotContain("StrictHostKeyChecking=no", options, StringComparison.Ordinal);
        Assert.DoesNotContain("accept-new", options, StringComparison.Ordinal);
        Assert.DoesNotContain("/dev/null", Target.Options()[3], StringComparison.Ordinal);
    }
}
