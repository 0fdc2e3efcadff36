using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Roughneck.Deployments;

/// <summary>
/// A local sandbox's identity and /30. The machine id is drawn at random when the machine is
/// created and read back from the state afterwards, so it depends on no folder: a second clone
/// of the same deployment finds the same machine, and two deployments that share a name in
/// different folders never collide.
/// </summary>
public sealed record LocalNetwork(string MachineId, string HostAddress, string GuestAddress)
{
    public const int PrefixLength = 30;
    private const int Slots = 16384; // 10.222.0.0/16 in /30s

    public static string NewMachineId() => "rn-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();

    /// <summary>
    /// Picks the /30 for a new machine: the slot its id hashes to, or the next free one when
    /// another deployment or interface already uses it.
    /// </summary>
    public static LocalNetwork Allocate(string machineId, IReadOnlySet<string> usedHostAddresses)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(machineId));
        var start = (int)(BitConverter.ToUInt32(hash, 4) % Slots);
        for (var i = 0; i < Slots; i++)
        {
            var slot = (start + i) % Slots;
            var host = Address(slot, 1);
            if (!usedHostAddresses.Contains(host) && !usedHostAddresses.Contains(Address(slot, 2)))
            {
                return new LocalNetwork(machineId, host, Address(slot, 2));
            }
        }
        throw new InvalidOperationException("no free /30 left in 10.222.0.0/16 for a local sandbox");
    }

    private static string Address(int slot, int offset)
    {
        var value = (10u << 24) | (222u << 16) | (uint)(slot * 4 + offset);
        return new IPAddress(BitConverter.GetBytes(value).Reverse().ToArray()).ToString();
    }

    /// <summary>Addresses already taken on this host ("ip -4 -o addr" output) or by other deployments.</summary>
    public static IEnumerable<string> ParseIpAddr(string ipOutput) =>
        ipOutput.Split('\n')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .SelectMany(parts => parts.SkipWhile(p => p != "inet").Skip(1).Take(1))
            .Select(cidr => cidr.Split('/')[0]);

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{MachineId} {GuestAddress}/{PrefixLength} via {HostAddress}");
}
