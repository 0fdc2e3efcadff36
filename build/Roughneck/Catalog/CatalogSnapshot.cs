namespace Roughneck.Catalog;

/// <summary>A price per hour and per month, in the snapshot's currency, without VAT.</summary>
public sealed record Price(decimal Hourly, decimal Monthly)
{
    public static readonly Price Zero = new(0m, 0m);
}

/// <summary>
/// A type as sold in one region: its price there, whether it can be ordered now, and the date
/// after which it can no longer be ordered there (deprecated), if announced.
/// </summary>
public sealed record RegionOffer(string Region, Price Price, bool Available, string? UnavailableAfter = null);

/// <summary>A server type (size) with the regions that sell it.</summary>
public sealed record CatalogType(string Name, string Arch, int Vcpus, double MemoryGb, Price ListPrice, IReadOnlyList<RegionOffer> Offers)
{
    /// <summary>What to order instead where this type is not sold (from catalog.yml).</summary>
    public string? ReplacedBy { get; init; }

    public RegionOffer? OfferIn(string region) => Offers.FirstOrDefault(o => o.Region == region);
}

/// <summary>
/// Everything one provider sells, from its API (live) or terraform/catalog.yml (offline), with
/// where it came from and when. Serialisable: the live answer is cached as this record.
/// </summary>
public sealed record CatalogSnapshot(
    string Provider,
    string Currency,
    string Source,
    string AsOf,
    bool Live,
    IReadOnlyList<string> Regions,
    IReadOnlyList<CatalogType> Types,
    Price Ipv4,
    IReadOnlyDictionary<string, Price> Ipv4ByRegion,
    IReadOnlyDictionary<string, string> Removed)
{
    public CatalogType? Find(string name) => Types.FirstOrDefault(t => t.Name == name);

    public Price Ipv4In(string region) => Ipv4ByRegion.TryGetValue(region, out var p) ? p : Ipv4;

    /// <summary>The rows for one region (every type when region is null), cheapest first.</summary>
    public CatalogView For(string? region) => CatalogView.Of(this, region);
}
