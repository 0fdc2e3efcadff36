namespace Roughneck.Targets;

/// <summary>What the local sandbox needs on this host; build.sh installs it where it can.</summary>
public static class LocalPrerequisites
{
    public static readonly IReadOnlyDictionary<string, string> Commands = new Dictionary<string, string>
    {
        ["debootstrap"] = "debootstrap",
        ["systemd-nspawn"] = "systemd-container",
        ["tinyproxy"] = "tinyproxy",
        ["ip"] = "iproute2",
        ["nft"] = "nftables",
        ["ssh"] = "openssh-client",
        ["ssh-keygen"] = "openssh-client",
        ["ansible-playbook"] = "ansible-core",
    };

    public static void Check()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new InvalidOperationException("the local provider needs Linux (systemd-nspawn and network namespaces); use a cloud provider here");
        }
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("the local provider needs root (network namespaces, nspawn): run as root or with sudo");
        }
        var missing = Commands.Where(c => !OnPath(c.Key)).Select(c => c.Value).Distinct().ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"the local provider needs: apt-get install -y {string.Join(" ", missing)}");
        }
    }

    public static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(new[] { "/usr/sbin", "/sbin" })
            .Any(dir => File.Exists(Path.Combine(dir, command)));
}
