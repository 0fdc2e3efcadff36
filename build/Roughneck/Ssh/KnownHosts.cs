namespace Roughneck.Ssh;

/// <summary>The deployment's own known_hosts: exactly one pinned host key.</summary>
public static class KnownHosts
{
    /// <summary>OpenSSH writes a non-default port as [address]:port.</summary>
    public static string HostPattern(string address, int port) =>
        port == 22 ? address.Trim('[', ']') : $"[{address.Trim('[', ']')}]:{port}";

    public static string Render(string address, int port, string hostPublicKeyLine) =>
        $"{HostPattern(address, port)} {SshKeys.KeyWithoutComment(hostPublicKeyLine)}\n";

    /// <summary>The same key pinned for more than one port of the address (during an ssh port change).</summary>
    public static string Render(string address, IEnumerable<int> ports, string hostPublicKeyLine) =>
        string.Concat(ports.Distinct().Select(port => Render(address, port, hostPublicKeyLine)));
}
