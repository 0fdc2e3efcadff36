using Roughneck.Deployments;

namespace Roughneck.Tests.Integration.Support;

/// <summary>What a local sandbox leaves on the host: namespaces, links, processes, mounts, folders.</summary>
internal static class HostResidue
{
    public static IReadOnlyList<string> Of(string machineId)
    {
        var found = new List<string>();
        if (Run("ip", "netns", "list").Contains(machineId, StringComparison.Ordinal)) found.Add("network namespace " + machineId);
        if (Run("ip", "-o", "link").Contains(machineId, StringComparison.Ordinal)) found.Add("veth " + machineId);
        foreach (var line in Run("ps", "-eo", "pid,args").Split('\n').Where(l => l.Contains(machineId, StringComparison.Ordinal) && !l.Contains(" ps ", StringComparison.Ordinal)))
        {
            found.Add("process " + line.Trim());
        }
        if (File.ReadAllText("/proc/mounts").Contains(machineId, StringComparison.Ordinal)) found.Add("mount under " + machineId);
        if (NftTableExists(machineId)) found.Add("nftables table inet roughneck-" + machineId);
        var sandbox = RepoPaths.SandboxDir;
        foreach (var dir in new[] { Path.Combine(sandbox, "machines", machineId), Path.Combine(sandbox, "run", machineId) })
        {
            if (Directory.Exists(dir)) found.Add("folder " + dir);
        }
        return found;
    }

    /// <summary>The sandbox's own packet filter table (sandbox-up.sh creates it, sandbox-down.sh deletes it).</summary>
    public static bool NftTableExists(string machineId) =>
        Roughneck.Targets.LocalPrerequisites.OnPath("nft") && ProcessCapture.Run("nft", "/", "list", "table", "inet", "roughneck-" + machineId).Exit == 0;

    private static string Run(string file, params string[] arguments) => ProcessCapture.Run(file, "/", arguments).Output;
}
