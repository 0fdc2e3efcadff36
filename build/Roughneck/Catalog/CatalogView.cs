namespace Roughneck.Catalog;

/// <summary>
/// One type as seen from one region. <see cref="Available"/> is false when it cannot be ordered
/// there now; <see cref="Note"/> says why (not sold there, deprecated, out of stock).
/// </summary>
public sealed record CatalogRow(string Name, string Arch, int Vcpus, double MemoryGb, decimal Hourly, decimal Monthly, bool Available, string? Note)
{
    public bool Sold { get; init; } = true;
    public string? UnavailableAfter { get; init; }
}

/// <summary>
/// The catalog of one provider for one region (or all regions): typed rows sorted by price, the
/// IPv4 charge, and the Source and AsOf every price carries. The API the New wizard lists from.
/// </summary>
public sealed record CatalogView(
    string Provider,
    string? Region,
    string Currency,
    string Source,
    string AsOf,
    bool Live,
    IReadOnlyList<string> Regions,
    IReadOnlyList<CatalogRow> Rows,
    Price Ipv4)
{
    internal CatalogSnapshot Snapshot { get; init; } = null!;

    public CatalogRow? Find(string name) => Rows.FirstOrDefault(r => r.Name == name);

    /// <summary>Is this size orderable here, deprecated or retired (with what to order instead), or out of stock?</summary>
    public SizeVerdict Check(string size) => SizeVerdict.Of(Snapshot, size, Region);

    /// <summary>What to order instead of this size here: its named successor, else the cheapest bigger one of the same arch.</summary>
    public string? SuccessorOf(string size) =>
        Region is not null && Snapshot.Find(size) is { } type ? SizeVerdict.SuggestFor(Snapshot, type, Region)
        : Snapshot.Removed.GetValueOrDefault(size);

    internal static CatalogView Of(CatalogSnapshot snapshot, string? region)
    {
        var rows = new List<CatalogRow>();
        foreach (var type in snapshot.Types)
        {
            if (region is null)
            {
                var orderable = type.Offers.Where(o => o.Available && o.UnavailableAfter is null).Select(o => o.Region).ToList();
                rows.Add(new CatalogRow(type.Name, type.Arch, type.Vcpus, type.MemoryGb, type.ListPrice.Hourly, type.ListPrice.Monthly,
                    orderable.Count > 0, orderable.Count > 0 ? "in " + string.Join(", ", orderable) : "orderable nowhere"));
                continue;
            }
            var offer = type.OfferIn(region);
            if (offer is null)
            {
                rows.Add(new CatalogRow(type.Name, type.Arch, type.Vcpus, type.MemoryGb, type.ListPrice.Hourly, type.ListPrice.Monthly, false,
                    $"not sold in {region}") { Sold = false });
                continue;
            }
            var note = offer.UnavailableAfter is { } after ? $"deprecated: no new orders after {after}" : offer.Available ? null : $"unavailable in {region} now";
            rows.Add(new CatalogRow(type.Name, type.Arch, type.Vcpus, type.MemoryGb, offer.Price.Hourly, offer.Price.Monthly,
                offer.Available && offer.UnavailableAfter is null, note) { UnavailableAfter = offer.UnavailableAfter });
        }
        var sorted = rows.OrderBy(r => r.Sold ? 0 : 1).ThenBy(r => r.Monthly).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        return new CatalogView(snapshot.Provider, region, snapshot.Currency, snapshot.Source, snapshot.AsOf, snapshot.Live,
            snapshot.Regions, sorted, region is null ? snapshot.Ipv4 : snapshot.Ipv4In(region)) { Snapshot = snapshot };
    }
}
