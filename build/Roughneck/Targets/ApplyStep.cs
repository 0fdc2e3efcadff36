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
        var tried = new List<(string Region, string Size)>();
        while (true)
        {
            var current = FallbackChoice.Read(s.Paths) is { } chosen ? (chosen.Region, chosen.Size) : (spec.Region, spec.Size);
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
            catch (TerraformException e) when (spec.Provider == "hetzner" && CapacityFallback.IsCapacityError(e.StandardError))
            {
                var next = CapacityFallback.Next(spec.Region, spec.Size, spec.FallbackRegions, spec.FallbackSizes, tried);
                if (next is null)
                {
                    throw new InvalidOperationException(
                        $"Hetzner has no capacity for {string.Join(", ", tried.Select(t => $"{t.Size} in {t.Region}"))} and no fallback is left; " +
                        "add sizes or regions under fallback: in the spec", e);
                }
                s.Log.Warn($"Hetzner has no capacity for {current.Size} in {current.Region}; trying {next.Value.Size} in {next.Value.Region}");
                new FallbackChoice(next.Value.Region, next.Value.Size).Write(s.Paths);
                await InitStep.RunAsync(s, ct); // rewrites tfvars with the choice
                await PlanStep.RunAsync(s, ct);
            }
        }
    }

    public static async Task RecordOutputsAsync(Session s, CancellationToken ct)
    {
        var paths = s.Paths;
        var state = await InitStep.ReadStateAsync(s, ct);
        var outputs = state.Machine ?? throw new InvalidOperationException($"Apply finished but the state of '{s.Spec.Name}' holds no machine outputs");
        var hostKey = state.IdentityOf("host_key_public") ?? File.ReadAllText(paths.HostKeyPublic);
        var expected = SshKeys.Fingerprint(hostKey);
        if (outputs.HostKeyFingerprint != expected)
        {
            throw new InvalidOperationException(
                $"the machine reports host key {outputs.HostKeyFingerprint} but this deployment generated {expected}; refusing to trust it");
        }
        InitStep.WriteMachineCache(s, outputs, hostKey);
        s.Log.Info($"Apply: {s.Spec.Name} is at {outputs.User}@{outputs.Address}:{outputs.Port} ({outputs.ServerId}), host key {expected} pinned");
    }

}
