using System.Globalization;
using Roughneck.Catalog;
using Roughneck.Deployments;
using Roughneck.Terraform;

namespace Roughneck.Targets;

/// <summary>A (region, size) the fallback will try next, with what the catalog says it is and costs.</summary>
public sealed record FallbackCandidate(string Region, string Size, CatalogRow? Row, string Currency)
{
    public string Describe() => Row is null
        ? $"{Size} in {Region} (not in the catalog: arch and price unknown)"
        : string.Create(CultureInfo.InvariantCulture,
            $"{Size} ({Row.Arch}, {Row.Vcpus} vCPU, {Row.MemoryGb:0.#} GB) in {Region} at {Row.Hourly:0.0000} {Currency}/hour, {Row.Monthly:0.00} {Currency}/month");
}

/// <summary>
/// Chooses the capacity fallback's next server: the spec's own sizes and regions in order and, after
/// a retired-type refusal, the catalog's successor of that type. It skips what the catalog says
/// cannot be ordered, and refuses a change of architecture to a size the spec does not list.
/// </summary>
public sealed class FallbackPlanner
{
    private readonly DeploymentSpec _spec;
    private readonly Func<string, Task<CatalogView>> _viewFor;

    public FallbackPlanner(DeploymentSpec spec, Func<string, Task<CatalogView>> viewFor)
    {
        _spec = spec;
        _viewFor = viewFor;
    }

    /// <summary>Why candidates were passed over, for the log and the final message.</summary>
    public List<string> Skipped { get; } = new();

    public async Task<FallbackCandidate?> NextAsync((string Region, string Size) refused, Refusal refusal,
        ICollection<(string Region, string Size)> tried, ICollection<string> retiredSizes)
    {
        var specArch = (await _viewFor(_spec.Region)).Find(_spec.Size)?.Arch;
        var candidates = CapacityFallback.Candidates(_spec.Region, _spec.Size, _spec.FallbackRegions, _spec.FallbackSizes).ToList();
        if (refusal.Kind == RefusalKind.Retired && (await _viewFor(refused.Region)).SuccessorOf(refused.Size) is { } successor)
        {
            candidates.Add((refused.Region, successor)); // after the spec's own choices: the operator's order comes first
        }
        foreach (var (region, size) in candidates.Distinct())
        {
            if (tried.Contains((region, size)) || retiredSizes.Contains(size)) continue;
            var view = await _viewFor(region);
            var verdict = view.Check(size);
            if (verdict.Status == SizeStatus.Retired)
            {
                tried.Add((region, size));
                Skipped.Add($"{size} in {region}: {verdict.Message}");
                continue;
            }
            var row = view.Find(size);
            var listed = size == _spec.Size || _spec.FallbackSizes.Contains(size);
            if (row is not null && specArch is not null && row.Arch != specArch && !listed)
            {
                tried.Add((region, size));
                Skipped.Add($"{size} in {region}: it is {row.Arch} and the spec's {_spec.Size} is {specArch}; list {size} under fallback.sizes to allow the switch");
                continue;
            }
            return new FallbackCandidate(region, size, row, view.Currency);
        }
        return null;
    }
}
