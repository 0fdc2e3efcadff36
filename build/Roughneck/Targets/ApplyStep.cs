using Roughneck.Deployments;
using Roughneck.Ssh;
using Roughneck.Terraform;

namespace Roughneck.Targets;

/// <summary>Apply: the saved plan when it has changes; then outputs, a host key check and known_hosts.</summary>
public static class ApplyStep
{
    public static void Run(Session s) => RunAsync(s).GetAwaiter().GetResult();

    public static async Task RunAsync(Session s, CancellationToken ct = default)
    {
        s.Lock();
        var summary = s.LastPlan ?? await PlanStep.RunAsync(s, ct);
        if (summary.HasChanges)
        {
            await ApplyWithFallbackAsync(s, ct);
        }
        else
        {
            s.Log.Info("Apply: the plan has no changes; nothing to apply");
        }
        await RecordOutputsAsync(s, ct);
    }

    private static async Task ApplyWithFallbackAsync(Session s, CancellationToken ct)
    {
        var spec = s.Spec;
        var planned = PlannedServer.Of(spec, s.Paths, s.Log.Warn);
        var current = (planned.Region, planned.Size);
        var tried = new List<(string Region, string Size)>();
        var retiredSizes = new HashSet<string>(StringComparer.Ordinal);
        var refusals = new List<string>();
        var planner = new FallbackPlanner(spec, region => s.Catalog.ForAsync(spec.Provider, region, ct));
        while (true)
        {
            tried.Add(current);
            try
            {
                await s.Terraform.ApplyAsync(s.TerraformSettings(new TerraformApplySettings
                {
                    PlanFile = s.Paths.Plan,
                    LockTimeout = spec.Terraform.LockTimeout,
                }), ct);
                return;
            }
            catch (TerraformException e) when (spec.Provider == "hetzner" && CapacityFallback.Classify(e.StandardError) is { } refusal)
            {
                if (refusal.Kind == RefusalKind.Retired && refusal.Everywhere) retiredSizes.Add(current.Size);
                refusals.Add($"{current.Size} in {current.Region}: {refusal.Text}");
                var next = await planner.NextAsync(current, refusal, tried, retiredSizes);
                foreach (var skipped in planner.Skipped) s.Log.Warn($"Apply: capacity fallback passes over {skipped}");
                planner.Skipped.Clear();
                if (next is null)
                {
                    throw new InvalidOperationException(
                        $"Hetzner refused every server the spec allows ({string.Join("; ", refusals)}), and no fallback is left. " +
                        $"Add sizes or regions under fallback: in {Path.GetRelativePath(s.Repo.Root, s.Paths.Spec)}, or try again later.", e);
                }
                s.Log.Warn($"Apply: Hetzner refused {current.Size} in {current.Region} ({refusal.Text}); falling back to {next.Describe()}, plus the public IPv4");
                FallbackChoice.For(spec, next.Region, next.Size).Write(s.Paths);
                await InitStep.RunAsync(s, ct); // rewrites tfvars with the choice
                await PlanStep.RunAsync(s, ct);
                current = (next.Region, next.Size);
            }
        }
    }

    public static async Task RecordOutputsAsync(Session s, CancellationToken ct)
    {
        var paths = s.Paths;
        var state = await InitStep.ReadStateAsync(s, ct);
        var outputs = state.Machine ?? throw new InvalidOperationException($"Apply finished but the state of '{s.Spec.Name}' holds no machine outputs");
        // No fingerprint comparison: the output is the fingerprint Init computed from this very
        // key. The pinned known_hosts is the check (StrictHostKeyChecking=yes refuses any other key).
        var hostKey = state.IdentityOf("host_key_public") ?? File.ReadAllText(paths.HostKeyPublic);
        InitStep.WriteMachineCache(s, outputs, hostKey);
        s.Log.Info($"Apply: {s.Spec.Name} is at {outputs.User}@{outputs.Address}:{outputs.Port} ({outputs.ServerId}), host key {SshKeys.Fingerprint(hostKey)} pinned");
    }
}
