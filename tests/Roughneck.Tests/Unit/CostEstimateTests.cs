using Roughneck.Pricing;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>CostEstimate: server plus public IPv4, from terraform/catalog.yml, with source and date.</summary>
public class CostEstimateTests
{
    [Fact]
    public void Hetzner_size_is_priced_from_the_catalog_plus_the_ipv4_address()
    {
        var cost = CostEstimate.For(Catalogs.Providers, "hetzner", "cx33", "fsn1");

        Assert.NotNull(cost);
        Assert.Equal(0.0144m, cost.Server.Hourly);
        Assert.Equal(8.99m, cost.Server.Monthly);
        Assert.Equal(0.0008m, cost.Ipv4.Hourly);
        Assert.Equal(9.49m, cost.Monthly);
        Assert.Equal("EUR", cost.Currency);
        Assert.Equal(Catalogs.Providers.Find("hetzner")!.AsOf, cost.AsOf);
        Assert.Equal("offline: terraform/catalog.yml", cost.Source);
    }

    [Fact]
    public void Aws_includes_the_public_ipv4_charge_of_0_005_usd_an_hour()
    {
        var cost = CostEstimate.For(Catalogs.Providers, "aws", "t3.medium", "us-east-1")!;

        Assert.Equal(0.0510m, cost.Hourly);
        Assert.Equal(37.22m, cost.Monthly);
        Assert.StartsWith("cost: 0.0510 USD/hour, 37.22 USD/month for t3.medium in us-east-1 (server 0.0460/33.57 + public IPv4 0.0050/3.65); prices as of 2025-06-01, offline: terraform/catalog.yml", cost.OneLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Digitalocean_droplet_prices_include_the_address()
    {
        var cost = CostEstimate.For(Catalogs.Providers, "digitalocean", "s-2vcpu-4gb")!;

        Assert.Equal(0m, cost.Ipv4.Monthly);
        Assert.Equal(24.00m, cost.Monthly);
        Assert.DoesNotContain("+ public IPv4", cost.OneLine, StringComparison.Ordinal);
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
    public void Every_default_size_has_a_price_and_is_sold_in_the_default_region()
    {
        foreach (var provider in Catalogs.Providers.Providers.Values)
        {
            Assert.True(CostEstimate.For(Catalogs.Providers, provider.Name, provider.DefaultSize) is not null, provider.Name);
            Assert.Contains(provider.DefaultRegion, provider.Regions);
            Assert.True(provider.Sizes[provider.DefaultSize].SoldIn(provider.DefaultRegion), provider.Name);
        }
    }
}
