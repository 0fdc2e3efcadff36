using System.Globalization;
using Roughneck.Catalog;
using Roughneck.Deployments;

namespace Roughneck.Pricing;

/// <summary>
/// What a deployment costs: the server in its region plus the public IPv4 address, by the live
/// catalog or the dated catalog.yml, with the source and date the prices carry.
/// </summary>
public sealed record CostEstimate(string Size, string? Region, Price Server, Price Ipv4, string Currency, string AsOf, string Source)
{
    public decimal Hourly => Server.Hourly + Ipv4.Hourly;
    public decimal Monthly => Server.Monthly + Ipv4.Monthly;

    public static CostEstimate? For(CatalogView view, string size)
    {
        var row = view.Find(size);
        if (row is null) return null;
        // The file's long provenance note stays in catalog.yml; the line names the file and its date.
        return new CostEstimate(size, view.Region, new Price(row.Hourly, row.Monthly), view.Ipv4, view.Currency, view.AsOf,
            view.Live ? "live: " + view.Source : "offline: terraform/catalog.yml");
    }

    /// <summary>From catalog.yml alone (no network).</summary>
    public static CostEstimate? For(ProviderCatalog catalog, string provider, string size, string? region = null)
    {
        var info = catalog.Find(provider);
        return info is null ? null : For(OfflineCatalog.From(info).For(region), size);
    }

    public string OneLine => Hourly == 0 && Monthly == 0
        ? "cost: nothing (runs on this host)"
        : FormattableString.Invariant($"cost: {Hourly:0.0000} {Currency}/hour, {Monthly:0.00} {Currency}/month for {Size}")
          + (Region is null ? "" : " in " + Region)
          + (Ipv4.Monthly > 0 ? FormattableString.Invariant($" (server {Server.Hourly:0.0000}/{Server.Monthly:0.00} + public IPv4 {Ipv4.Hourly:0.0000}/{Ipv4.Monthly:0.00})") : "")
          + $"; prices as of {AsOf}, {Source}";
}
