using System.Diagnostics;
using System.Globalization;
using Roughneck.Ci;
using Roughneck.Deployments;
using Roughneck.Targets;

namespace Roughneck.Fleet;

/// <summary>
/// Runs one target's chain over many deployments, at most --parallel at once, in this process:
/// each deployment gets its own session (spec, lock, log file in its folder, terraform and
/// ansible processes with their own environment) and its own name in front of its output.
/// A failure ends that deployment's chain only; with --fail-fast, no further deployment starts
/// and running ones stop at their next step boundary (never in the middle of a terraform or
/// ansible run, which would leave a machine half-changed).
/// </summary>
public static class FleetRunner
{
    public static async Task<IReadOnlyList<FleetResult>> RunAsync(Session fleet, string target, IReadOnlyList<FleetStep> chain)
    {
        var specs = fleet.Selection;
        var options = fleet.Arguments.Fleet;
        var width = specs.Count == 0 ? 0 : specs.Max(s => s.Name.Length);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var verbose = fleet.Environment.ContainsKey("ROUGHNECK_VERBOSE");
        using var gate = new SemaphoreSlim(options.Parallel);
        var failed = 0;

        async Task<FleetResult> Run(DeploymentSpec spec)
        {
            try
            {
                var result = await RunChainAsync(fleet, spec, target, chain, width, stamp, verbose, () => options.FailFast && Volatile.Read(ref failed) > 0)
                    .ConfigureAwait(false);
                if (result.Outcome == FleetOutcome.Failed) Interlocked.Increment(ref failed);
                return result;
            }
            finally
            {
                gate.Release();
            }
        }

        fleet.Log.Info($"{target} over {specs.Count} deployment(s), {options.Parallel} at a time{(options.FailFast ? ", --fail-fast" : "")}: {string.Join(", ", specs.Select(s => s.Name))}");
        // The gate is taken here, in selection order: SemaphoreSlim does not wake its waiters in
        // order, so with each chain waiting for itself a later deployment could start first.
        var running = new List<Task<FleetResult>>(specs.Count);
        foreach (var spec in specs)
        {
            await gate.WaitAsync().ConfigureAwait(false);
            if (options.FailFast && Volatile.Read(ref failed) > 0)
            {
                gate.Release();
                running.Add(Task.FromResult(new FleetResult(spec.Name, target, FleetOutcome.Stopped, TimeSpan.Zero, "not started")));
                continue;
            }
            // Task.Run: each chain starts on the thread pool, so a step's synchronous start never blocks the others.
            running.Add(Task.Run(() => Run(spec)));
        }
        return await Task.WhenAll(running).ConfigureAwait(false);
    }

    private static async Task<FleetResult> RunChainAsync(Session fleet, DeploymentSpec spec, string target, IReadOnlyList<FleetStep> chain,
        int width, string stamp, bool verbose, Func<bool> stop)
    {
        var paths = DeploymentPaths.For(fleet.Repo, spec.Name);
        var logFile = Path.Combine(paths.Work, "logs", $"{target.ToLowerInvariant()}-{stamp}.log");
        var watch = Stopwatch.StartNew();
        var changes = new List<string>();
        var drift = false;
        using var log = new PrefixedLog(fleet.Log, spec.Name, width, logFile, fleet.Redactor, verbose);
        using var session = fleet.ForDeployment(spec, log);
        foreach (var step in chain)
        {
            if (stop())
            {
                log.Warn($"stopped before {step.Name}: another deployment failed (--fail-fast)");
                return new FleetResult(spec.Name, target, FleetOutcome.Stopped, watch.Elapsed, $"stopped before {step.Name}", LogFile: logFile);
            }
            try
            {
                log.Info($"== {step.Name}");
                var outcome = await step.Run(session).ConfigureAwait(false);
                if (outcome.ReplacesPrevious && changes.Count > 0) changes.RemoveAt(changes.Count - 1);
                if (outcome.Changes.Length > 0) changes.Add(outcome.Changes);
                drift |= outcome.Drift;
            }
            catch (Exception e)
            {
                var message = (e is AggregateException { InnerException: { } inner } ? inner : e).Message;
                log.Error($"{step.Name} failed: {message}");
                log.Error($"full log: {logFile}");
                GitHubActions.Error(fleet.Environment, $"Roughneck {target} failed", $"deployment {spec.Name}, step {step.Name}: {message}");
                return new FleetResult(spec.Name, target, FleetOutcome.Failed, watch.Elapsed, string.Join("; ", changes), step.Name, message, logFile);
            }
        }
        return new FleetResult(spec.Name, target, drift ? FleetOutcome.Drift : FleetOutcome.Succeeded, watch.Elapsed,
            string.Join("; ", changes), LogFile: logFile);
    }
}
