namespace Roughneck.Catalog;

public enum SizeStatus
{
    /// <summary>Sold and orderable in the region.</summary>
    Orderable,
    /// <summary>Sold in the region but out of stock now: a warning, the capacity fallback may help.</summary>
    Unavailable,
    /// <summary>Deprecated, removed or not sold in the region: Init refuses it.</summary>
    Retired,
}

/// <summary>What the catalog says about one size in one region, and what to order instead.</summary>
public sealed record SizeVerdict(string Size, string? Region, SizeStatus Status, string Message, string? Replacement)
{
    internal static SizeVerdict Of(CatalogSnapshot snapshot, string size, string? region)
    {
        var where = region is null ? "" : $" in {region}";
        if (snapshot.Removed.TryGetValue(size, out var successor))
        {
            return new(size, region, SizeStatus.Retired, $"{snapshot.Provider} removed server type {size}; use {successor} instead", successor);
        }
        var type = snapshot.Find(size);
        if (type is null)
        {
            return new(size, region, SizeStatus.Retired, $"{snapshot.Provider} does not offer {size} any more ({Describe(snapshot)})", null);
        }
        if (region is null) return new(size, region, SizeStatus.Orderable, $"{size} is in the catalog", null);
        var offer = type.OfferIn(region);
        if (offer is null)
        {
            var instead = SuggestFor(snapshot, type, region);
            return new(size, region, SizeStatus.Retired,
                $"{snapshot.Provider} does not sell {size} in {region}" + (instead is null ? "" : $"; use {instead} instead") + $" ({Describe(snapshot)})", instead);
        }
        if (offer.UnavailableAfter is { } after)
        {
            var instead = SuggestFor(snapshot, type, region);
            return new(size, region, SizeStatus.Retired,
                $"{size} is deprecated{where} and can no longer be ordered after {after}" + (instead is null ? "" : $"; use {instead} instead") + $" ({Describe(snapshot)})", instead);
        }
        if (!offer.Available)
        {
            var instead = SuggestFor(snapshot, type, region);
            return new(size, region, SizeStatus.Unavailable,
                $"{size} is out of stock{where} right now ({Describe(snapshot)})" + (instead is null ? "" : $"; {instead} is orderable there"), instead);
        }
        return new(size, region, SizeStatus.Orderable, $"{size} is orderable{where}", null);
    }

    /// <summary>
    /// The catalog's named successor when it is orderable there; else the cheapest orderable type of
    /// the same architecture with at least as many vCPUs and as much memory.
    /// </summary>
    internal static string? SuggestFor(CatalogSnapshot snapshot, CatalogType type, string region)
    {
        bool Orderable(CatalogType t) => t.OfferIn(region) is { Available: true, UnavailableAfter: null };
        if (type.ReplacedBy is { } named && snapshot.Find(named) is { } successor && Orderable(successor)) return named;
        return snapshot.Types
            .Where(t => t.Name != type.Name && t.Arch == type.Arch && t.Vcpus >= type.Vcpus && t.MemoryGb >= type.MemoryGb && Orderable(t))
            .OrderBy(t => t.OfferIn(region)!.Price.Monthly)
            .Select(t => t.Name)
            .FirstOrDefault();
    }

    private static string Describe(CatalogSnapshot s) => $"{(s.Live ? "live catalog" : "catalog.yml")} as of {s.AsOf}";
}
