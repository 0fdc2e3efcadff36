using Roughneck.Ssh;
using Xunit;

namespace Roughneck.Tests.Unit;

public class SshKeysTests
{
    // Generated with: ssh-keygen -q -t ed25519 -N "" -C roughneck-test-host -f k; ssh-keygen -lf k.pub
    private const string PublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICmMRSwMWb2GR919ho6urpyeruxx8/0IELpnZoG1Dpqn roughneck-test-host";
    private const string SshKeygenFingerprint = "SHA256:AxiDQSaRp7KRQliWM8kwnILGvhpU5EqJTWdtUqjdEng";

    [Fact]
    public void Fingerprint_equals_ssh_keygen_lf()
    {
        Assert.Equal(SshKeygenFingerprint, SshKeys.Fingerprint(PublicKey));
    }

    [Fact]
    public void Fingerprint_ignores_comment_and_surrounding_whitespace()
    {
        Assert.Equal(SshKeygenFingerprint, SshKeys.Fingerprint("  " + SshKeys.KeyWithoutComment(PublicKey) + "\n"));
    }

    [Fact]
    public void Fingerprint_of_a_line_without_key_is_refused()
    {
        Assert.Throws<FormatException>(() => SshKeys.Fingerprint("ssh-ed25519"));
    }

    [Fact]
    public void Key_without_comment_keeps_type_and_blob()
    {
        Assert.Equal("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICmMRSwMWb2GR919ho6urpyeruxx8/0IELpnZoG1Dpqn", SshKeys.KeyWithoutComment(PublicKey));
    }
}
