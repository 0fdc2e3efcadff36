using Roughneck.Catalog;
using Roughneck.Deployments;

namespace Roughneck.Targets;

/// <summary>
/// Init's look at the catalog before anything is written: a deprecated, removed or unsold size is
/// refused with what to order instead (only a warning for the server that already runs it); one that is out of stock in the region is only a warning
/// (the capacity fallback may still find room).
/// </summary>
public static class SizeCheck
{
    /// <summary>The targets that may order a server. Destroy, Provision, Validate and the rest run Init too, and must never be stopped by the catalog.</summary>
    private static readonly string[] Ordering = { "Init", "Plan", "Apply", "Deploy" };

    public static async Task<SizeVerdict?> RunAsync(Session s, PlannedServer planned, CancellationToken ct)
    {
        if (s.Spec.IsLocal || !Ordering.Contains(s.Arguments.Target, StringComparer.Ordinal)) return null;
        var view = await s.Catalog.ForAsync(s.Spec.Provider, planned.Region, ct);
        var verdict = view.Check(planned.Size);
        switch (verdict.Status)
        {
            case SizeStatus.Retired when Terraform.TerraformOutputs.ReadFile(s.Paths.Outputs) is { } machine
                                         && machine.Region == planned.Region && machine.Size == planned.Size:
                // The server exists already: Hetzner keeps running retired types, it only stops selling them.
                s.Log.Warn($"Init: {verdict.Message}; the existing server {machine.ServerId} keeps running, but a new one could not be ordered");
                break;
            case SizeStatus.Retired:
                var key = planned.FromFallback ? "fallback.sizes" : "size";
                throw new SpecException(new SpecProblem(Path.GetRelativePath(s.Repo.Root, s.Paths.Spec), 0, key,
                    $"Init refuses {planned.Size} in {planned.Region}: {verdict.Message}", verdict.Replacement));
            case SizeStatus.Unavailable:
                s.Log.Warn($"Init: {verdict.Message}" + (s.Spec.FallbackSizes.Count + s.Spec.FallbackRegions.Count > 0
                    ? "; Apply will try the spec's fallback sizes and regions if Hetzner refuses it"
                    : ""));
                break;
        }
        return verdict;
    }
}
