using Roughneck.Deployments;

namespace Roughneck.Catalog;

/// <summary>terraform/catalog.yml as a snapshot: the dated fallback when no token is set or the API fails.</summary>
public static class OfflineCatalog
{
    public static CatalogSnapshot From(ProviderInfo info, string? note = null)
    {
        var types = info.Sizes.Values.Select(size =>
        {
            var price = new Price(size.Hourly, size.Monthly);
            var offers = info.Regions.Where(size.SoldIn).Select(r => new RegionOffer(r, price, true)).ToList();
            return new CatalogType(size.Name, size.Arch, size.Vcpus, size.MemoryGb, price, offers) { ReplacedBy = size.ReplacedBy };
        }).ToList();
        var source = "terraform/catalog.yml: " + info.Source + (note is null ? "" : $" [{note}]");
        return new CatalogSnapshot(info.Name, info.Currency, source, info.AsOf, false, info.Regions, types,
            new Price(info.Ipv4Hourly, info.Ipv4Monthly), new Dictionary<string, Price>(), info.Removed);
    }
}
