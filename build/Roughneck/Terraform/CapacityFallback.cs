namespace Roughneck.Terraform;

/// <summary>
/// Hetzner sometimes has no room for a server type in a location. Deploy then tries the spec's
/// fallback sizes and regions, in order: other sizes in the first region, then the next region.
/// </summary>
public static class CapacityFallback
{
    private static readonly string[] Signals =
    {
        "resource_unavailable",
        "server type is unavailable",
        "is unavailable in this location",
        "unsupported location for server type",
        "server_type_unavailable",
        "location disabled",
        "placement_error",
        "error during placement",
    };

    public static bool IsCapacityError(string terraformError) =>
        Signals.Any(s => terraformError.Contains(s, StringComparison.OrdinalIgnoreCase));

    public static IEnumerable<(string Region, string Size)> Candidates(
        string region, string size, IReadOnlyList<string> fallbackRegions, IReadOnlyList<string> fallbackSizes)
    {
        var regions = new[] { region }.Concat(fallbackRegions).Distinct();
        var sizes = new[] { size }.Concat(fallbackSizes).Distinct().ToList();
        return regions.SelectMany(r => sizes.Select(s => (r, s)));
    }

    /// <summary>The next (region, size) to try after the ones already tried, or null when none is left.</summary>
    public static (string Region, string Size)? Next(
        string region, string size, IReadOnlyList<string> fallbackRegions, IReadOnlyList<string> fallbackSizes,
        IReadOnlyCollection<(string Region, string Size)> tried)
    {
        foreach (var candidate in Candidates(region, size, fallbackRegions, fallbackSizes))
        {
            if (!tried.Contains(candidate)) return candidate;
        }
        return null;
    }
}
