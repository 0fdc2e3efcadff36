using Roughneck.Ssh;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>KnownHosts.Render: one pinned key, written the way OpenSSH matches it.</summary>
public class KnownHostsTests
{
    private const string HostKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICmMRSwMWb2GR919ho6urpyeruxx8/0IELpnZoG1Dpqn roughneck-demo-host\n";
    private const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICmMRSwMWb2GR919ho6urpyeruxx8/0IELpnZoG1Dpqn";

    [Theory]
    [InlineData("203.0.113.10", 22, "203.0.113.10")]
    [InlineData("203.0.113.10", 2222, "[203.0.113.10]:2222")]
    [InlineData("2001:db8::10", 22, "2001:db8::10")]
    [InlineData("2001:db8::10", 2222, "[2001:db8::10]:2222")]
    [InlineData("[2001:db8::10]", 22, "2001:db8::10")]
    [InlineData("dev.example.com", 2200, "[dev.example.com]:2200")]
    public void Host_pattern_brackets_only_non_default_ports(string address, int port, string pattern)
    {
        Assert.Equal($"{pattern} {Key}\n", KnownHosts.Render(address, port, HostKey));
    }

    [Fact]
    public void During_a_port_change_both_ports_pin_the_same_key()
    {
        Assert.Equal($"[203.0.113.10]:2200 {Key}\n203.0.113.10 {Key}\n", KnownHosts.Render("203.0.113.10", new[] { 2200, 22, 2200 }, HostKey));
    }
}
