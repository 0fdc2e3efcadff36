using System.Diagnostics;
using System.Net.Sockets;
using Roughneck.Processes;

namespace Roughneck.Ssh;

/// <summary>Runs commands on the machine over the pinned SSH connection.</summary>
public sealed class RemoteShell
{
    private readonly IProcessRunner _processes;
    private readonly ILog _log;

    public RemoteShell(IProcessRunner processes, ILog log)
    {
        _processes = processes;
        _log = log;
    }

    /// <summary>Runs a bash script fed on standard input (nothing of it on the command line).</summary>
    public Task<ProcessResult> RunScriptAsync(SshTarget target, string script, TimeSpan timeout, CancellationToken ct = default) =>
        _processes.RunAsync(
            new ProcessSpec("ssh", target.SshArguments(batch: true, "bash", "-s")),
            new ProcessOptions { Stream = false, StandardInput = script, Timeout = timeout },
            ct);

    /// <summary>
    /// Waits until sshd answers and the pinned host key is accepted. A wrong host key stops at
    /// once: that is not a machine that is still booting.
    /// </summary>
    public async Task WaitAsync(SshTarget target, TimeSpan limit, CancellationToken ct = default) =>
        await WaitAnyAsync(new[] { target }, limit, ct);

    /// <summary>
    /// Like <see cref="WaitAsync"/> for several ways to the same machine (the new and the previous
    /// ssh port during a port change): the first that answers with the pinned key, tried in order.
    /// </summary>
    public async Task<SshTarget> WaitAnyAsync(IReadOnlyList<SshTarget> targets, TimeSpan limit, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var attempt = 0;
        string last = "";
        while (watch.Elapsed < limit)
        {
            ct.ThrowIfCancellationRequested();
            attempt++;
            foreach (var target in targets)
            {
                if (!await PortOpenAsync(target.Address, target.Port, ct)) continue;
                var result = await _processes.RunAsync(
                    new ProcessSpec("ssh", target.SshArguments(batch: true, "true")),
                    new ProcessOptions { Stream = false, Timeout = TimeSpan.FromSeconds(20) }, ct);
                if (result.ExitCode == 0)
                {
                    _log.Info($"SSH ready at {target.User}@{target.Address}:{target.Port} after {watch.Elapsed.TotalSeconds:0.0} s (host key pinned)");
                    return target;
                }
                last = result.StandardError.Trim();
                if (last.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", StringComparison.Ordinal)
                    || last.Contains("Host key verification failed", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"{target.Address}:{target.Port} presented a host key that is not the one pinned for this deployment; refusing to connect. " +
                        "If the machine was replaced outside Roughneck, run --target=Destroy and Deploy again.");
                }
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 200 * attempt)), ct);
        }
        var where = string.Join(" or ", targets.Select(t => $"{t.Address}:{t.Port}"));
        throw new TimeoutException($"SSH at {where} did not answer within {limit.TotalSeconds:0} s{(last.Length > 0 ? ": " + last : "")}");
    }

    private static async Task<bool> PortOpenAsync(string address, int port, CancellationToken ct)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync(address, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
