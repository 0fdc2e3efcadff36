using System.Globalization;
using Roughneck.Deployments;
using Roughneck.Processes;
using Roughneck.Ssh;
using Roughneck.Terraform;

namespace Roughneck.Operator;

/// <summary>What List --live found on a machine: reachable over the pinned SSH connection, uptime, load, the Gas Town daemon.</summary>
public sealed record LiveStatus(bool Reachable, long? UptimeSeconds, string? Load, string? GastownDaemon, string? Error)
{
    public string OneLine => Reachable
        ? $"up {Uptime(UptimeSeconds ?? 0)}, load {Load}, gastown {GastownDaemon}"
        : "unreachable" + (Error is null ? "" : ": " + Error);

    private static string Uptime(long seconds) => seconds switch
    {
        >= 86400 => $"{seconds / 86400} d {seconds % 86400 / 3600} h",
        >= 3600 => $"{seconds / 3600} h {seconds % 3600 / 60} min",
        >= 60 => $"{seconds / 60} min",
        _ => $"{seconds} s",
    };
}

/// <summary>
/// Probes every applied deployment at once, each over its pinned SSH connection with a short
/// timeout, from the files Apply left (outputs, known_hosts, login key): no Terraform, no lock.
/// </summary>
public sealed class LiveProbe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(8);

    // Three lines: uptime in seconds, the three load averages, the gastown unit's state.
    private const string Script = """
        cut -d' ' -f1 /proc/uptime
        cut -d' ' -f1-3 /proc/loadavg
        if systemctl cat gastown.service >/dev/null 2>&1; then systemctl is-active gastown.service || true; else echo "not installed"; fi
        """;

    private readonly IProcessRunner _processes;

    public LiveProbe(IProcessRunner processes) => _processes = processes;

    public async Task<IReadOnlyDictionary<string, LiveStatus>> ProbeAllAsync(IEnumerable<DeploymentPaths> deployments, CancellationToken ct = default)
    {
        var probes = deployments.Select(async d => (Name: Path.GetFileName(d.Dir), Status: await ProbeAsync(d, ct)));
        return (await Task.WhenAll(probes)).ToDictionary(p => p.Name, p => p.Status, StringComparer.Ordinal);
    }

    public async Task<LiveStatus> ProbeAsync(DeploymentPaths paths, CancellationToken ct = default)
    {
        var outputs = TerraformOutputs.ReadFile(paths.Outputs);
        if (outputs is null || !File.Exists(paths.KnownHosts) || !File.Exists(paths.LoginKey))
        {
            return new LiveStatus(false, null, null, null, "not applied from this folder (no outputs, known_hosts or login key)");
        }
        var target = new SshTarget(outputs.Address, outputs.Port, outputs.User, paths.LoginKey, paths.KnownHosts, ControlDirectory.Current);
        try
        {
            var result = await _processes.RunAsync(
                new ProcessSpec("ssh", target.SshArguments(batch: true, "bash", "-s")),
                new ProcessOptions { Stream = false, StandardInput = Script, Timeout = Timeout }, ct);
            return Parse(result);
        }
        catch (TimeoutException)
        {
            return new LiveStatus(false, null, null, null, $"no answer within {Timeout.TotalSeconds:0} s");
        }
    }

    public static LiveStatus Parse(ProcessResult result)
    {
        if (result.ExitCode != 0)
        {
            var reason = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            return new LiveStatus(false, null, null, null, reason ?? $"ssh exit {result.ExitCode}");
        }
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        long? uptime = lines.Length > 0 && double.TryParse(lines[0].Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var up) ? (long)up : null;
        return new LiveStatus(true, uptime, lines.ElementAtOrDefault(1), lines.ElementAtOrDefault(2) ?? "unknown", null);
    }
}
