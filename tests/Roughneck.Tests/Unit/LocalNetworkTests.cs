using System.Net;
using Roughneck.Deployments;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>LocalNetwork: a sandbox's machine id and /30 in 10.222.0.0/16.</summary>
public class LocalNetworkTests
{
    private const string IdA = "rn-0a1b2c3d";
    private const string IdB = "rn-9f8e7d6c";
    private static readonly HashSet<string> NoneUsed = new();

    private static uint ToNumber(string address) =>
        BitConverter.ToUInt32(IPAddress.Parse(address).GetAddressBytes().Reverse().ToArray(), 0);

    [Fact]
    public void New_machine_id_is_rn_and_eight_lower_case_hex_and_random()
    {
        var ids = Enumerable.Range(0, 50).Select(_ => LocalNetwork.NewMachineId()).ToList();

        Assert.All(ids, id => Assert.Matches("^rn-[0-9a-f]{8}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Allocation_is_deterministic()
    {
        Assert.Equal(LocalNetwork.Allocate(IdA, NoneUsed), LocalNetwork.Allocate(IdA, NoneUsed));
    }

    [Fact]
    public void Host_and_guest_are_the_two_usable_addresses_of_one_30_in_10_222()
    {
        var network = LocalNetwork.Allocate(IdA, NoneUsed);
        var host = ToNumber(network.HostAddress);

        Assert.Equal(1u, host % 4);
        Assert.Equal(host + 1, ToNumber(network.GuestAddress));
        Assert.StartsWith("10.222.", network.HostAddress, StringComparison.Ordinal);
        Assert.Equal(IdA, network.MachineId);
        Assert.Equal($"{network.MachineId} {network.GuestAddress}/30 via {network.HostAddress}", network.Describe());
    }

    [Fact]
    public void Used_host_address_moves_to_the_next_30()
    {
        var first = LocalNetwork.Allocate(IdA, NoneUsed);

        var second = LocalNetwork.Allocate(IdA, new HashSet<string> { first.HostAddress });

        Assert.Equal(ToNumber(first.HostAddress) + 4, ToNumber(second.HostAddress));
    }

    [Fact]
    public void Used_guest_address_also_moves_on()
    {
        var first = LocalNetwork.Allocate(IdA, NoneUsed);

        var second = LocalNetwork.Allocate(IdA, new HashSet<string> { first.GuestAddress });

        Assert.NotEqual(first.HostAddress, second.HostAddress);
    }

    [Fact]
    public void Two_deployments_get_different_30s()
    {
        Assert.NotEqual(LocalNetwork.Allocate(IdA, NoneUsed).HostAddress, LocalNetwork.Allocate(IdB, NoneUsed).HostAddress);
    }

    [Fact]
    public void Ip_addr_output_yields_the_ipv4_addresses()
    {
        const string output =
            "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n" +
            "2: eth0    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0\\       valid_lft forever preferred_lft forever\n" +
            "7: ve-rn-1a2b3c4d    inet 10.222.13.1/30 scope global ve-rn-1a2b3c4d\\       valid_lft forever preferred_lft forever\n";

        Assert.Equal(new[] { "127.0.0.1", "172.17.0.2", "10.222.13.1" }, LocalNetwork.ParseIpAddr(output));
    }

    [Fact]
    public void Empty_ip_output_yields_nothing()
    {
        Assert.Empty(LocalNetwork.ParseIpAddr(""));
    }
}
