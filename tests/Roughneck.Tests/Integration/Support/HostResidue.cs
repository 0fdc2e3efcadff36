using System.Diagnostics;

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
        var sandbox = Environment.GetEnvironmentVariable("ROUGHNECK_SANDBOX_DIR") is { Length: > 0 } d ? d : "/var/lib/roughneck";
        foreach (var dir in new[] { Path.Combine(sandbox, "machines", machineId), Path.Combine(sandbox, "run", machineId) })
        {
            if (Directory.Exists(dir)) found.Add("folder " + dir);
        }
        return found;
    }

    public static string Run(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
