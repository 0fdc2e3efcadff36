using Roughneck.Catalog;
using Roughneck.Targets;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit.Catalog;

/// <summary>The Catalog target's listing: arch, vCPUs, memory, hourly and monthly, cheapest first, unorderable marked.</summary>
public class CatalogTableTests
{
    [Fact]
    public void Rows_are_sorted_by_price_and_unorderable_ones_are_marked_with_the_reason()
    {
        var view = OfflineCatalog.From(Catalogs.Providers.Find("hetzner")!).For("ash");
        var lines = CatalogStep.Table(view).ToList();

        Assert.Contains("hetzner sizes in ash, cheapest first (offline catalog as of", lines[0], StringComparison.Ordinal);
        Assert.Contains("public IPv4 adds 0.0008 EUR/hour, 0.50 EUR/month", lines[1], StringComparison.Ordinal);
        var sold = view.Rows.TakeWhile(r => r.Sold).Select(r => r.Monthly).ToList();
        Assert.Equal(sold.Order(), sold);
        Assert.Contains(lines, l => l.StartsWith("  cpx11", StringComparison.Ordinal) && l.Contains("amd64", StringComparison.Ordinal) && l.Contains("17.99", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("x cx23", StringComparison.Ordinal) && l.EndsWith("not sold in ash", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("x cax11", StringComparison.Ordinal) && l.Contains("arm64", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_region_every_type_lists_where_it_is_sold()
    {
        var view = OfflineCatalog.From(Catalogs.Providers.Find("hetzner")!).For(null);

        Assert.Equal("in ash, hil", view.Find("cpx31")!.Note);
        Assert.True(view.Find("ccx13")!.Available);
    }
}
