using Roughneck.Ssh;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>SshPortTransition: which earlier port sshd may still listen on during a port change.</summary>
public class SshPortTransitionTests
{
    [Theory]
    // wanted, applied, pending, provisioned -> previous
    [InlineData(22, null, null, null, null)]      // nothing applied: the machine boots on the wanted port
    [InlineData(22, 22, null, null, null)]        // no change
    [InlineData(2222, 22, null, null, 22)]        // a change, never provisioned by this version: the applied port
    [InlineData(2222, 22, null, 22, 22)]          // a change after a Provision on 22
    [InlineData(2222, 2222, 22, 22, 22)]          // applied, Provision has not moved sshd yet
    [InlineData(2222, 2222, 22, null, 22)]        // applied, nothing recorded: keep the pending port open
    [InlineData(2222, 2222, 22, 2222, null)]      // Provision moved sshd: the previous port closes
    [InlineData(2100, 2200, 2222, 2222, 2222)]    // two edits without a Provision: where sshd really is
    [InlineData(22, 2222, null, 2222, 2222)]      // back to 22
    public void Previous_port(int wanted, int? applied, int? pending, int? provisioned, int? expected)
    {
        Assert.Equal(expected, SshPortTransition.PreviousPort(wanted, applied, pending, provisioned));
    }

    [Fact]
    public void Recorded_port_reads_back_and_garbage_reads_as_unknown()
    {
        using var temp = new TempDirectory();
        var marker = temp.Combine("sshd-port");

        Assert.Null(SshPortTransition.Provisioned(marker));
        SshPortTransition.Record(marker, 2222);
        Assert.Equal(2222, SshPortTransition.Provisioned(marker));
        File.WriteAllText(marker, "-1\n");
        Assert.Null(SshPortTransition.Provisioned(marker));
    }
}
