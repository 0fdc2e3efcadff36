using Roughneck.Pricing;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>CostEstimate.For: list prices from terraform/catalog.yml.</summary>
public class CostEstimateTests
{
    [Fact]
    public void Hetzner_size_is_priced_from_the_catalog()
    {
        var cost = CostEstimate.For(Catalogs.Providers, "hetzner", "cx33");

        Assert.NotNull(cost);
        Assert.Equal(0.0104m, cost.Hourly);
        Assert.Equal(6.49m, cost.Monthly);
        Assert.Equal("EUR", cost.Currency);
        Assert.Equal("2026-04-15", cost.AsOf);
        Assert.Equal(Catalogs.Providers.Find("hetzner")!.Source, cost.Source);
    }

    [Fact]
    public void One_line_shows_hourly_monthly_currency_and_date()
    {
        var cost = CostEstimate.For(Catalogs.Providers, "aws", "t3.medium")!;

        Assert.StartsWith("cost: 0.0460 USD/hour, 33.57 USD/month for t3.medium (list price as of 2025-06-01; ", cost.OneLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_costs_nothing()
    {
        var cost = CostEstimate.For(Catalogs.Providers, "local", "standard")!;

        Assert.Equal(0m, cost.Monthly);
        Assert.Equal("cost: nothing (runs on this host)", cost.OneLine);
    }

    [Theory]
    [InlineData("hetzner", "cx32")]
    [InlineData("hetzner", "t3.medium")]
    [InlineData("linode", "g6-standard-2")]
    public void Unknown_size_or_provider_has_no_estimate(string provider, string size)
    {
        Assert.Null(CostEstimate.For(Catalogs.Providers, provider, size));
    }

    [Fact]
    public void Every_default_size_has_a_price()
    {
        foreach (var provider in Catalogs.Providers.Providers.Values)
        {
            Assert.True(CostEstimate.For(Catalogs.Providers, provider.Name, provider.DefaultSize) is not null, provider.Name);
            Assert.Contains(provider.DefaultRegion, provider.Regions);
        }
    }
}
