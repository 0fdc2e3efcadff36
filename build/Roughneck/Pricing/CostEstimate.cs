using System.Globalization;
using Roughneck.Deployments;

namespace Roughneck.Pricing;

/// <summary>What a deployment costs by the catalog's list prices.</summary>
public sealed record CostEstimate(string Size, decimal Hourly, decimal Monthly, string Currency, string AsOf, string Source)
{
    public static CostEstimate? For(ProviderCatalog catalog, string provider, string size)
    {
        var info = catalog.Find(provider);
        if (info is null || !info.Sizes.TryGetValue(size, out var s)) return null;
        return new CostEstimate(size, s.Hourly, s.Monthly, info.Currency, info.AsOf, info.Source);
    }

    public string OneLine => Hourly == 0 && Monthly == 0
        ? "cost: nothing (runs on this host)"
        : string.Create(CultureInfo.InvariantCulture,
            $"cost: {Hourly:0.0000} {Currency}/hour, {Monthly:0.00} {Currency}/month for {Size} (list price as of {AsOf}; {Source})");
}
