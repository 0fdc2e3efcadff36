using Roughneck.Catalog;
using Roughneck.Deployments;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit.Catalog;

/// <summary>--refresh: a live answer becomes the file's provider entry, and the file stays loadable.</summary>
public class RefreshTests
{
    [Fact]
    public async Task A_live_hetzner_answer_becomes_catalog_yml_with_regions_successors_and_the_ipv4_price()
    {
        using var api = new FakeApi(CatalogFixtures.Hetzner, "/v1");
        using var cache = new TempDirectory();
        var live = await CatalogFixtures.Service(CatalogFixtures.HetznerEnvironment(api), cache.Path).SnapshotAsync("hetzner", refresh: true);

        var entry = CatalogYaml.FromLive(Catalogs.Providers.Find("hetzner")!, live);

        Assert.Equal(new[] { "fsn1", "nbg1", "ash" }, entry.Regions);
        Assert.Equal(new[] { "ash" }, entry.Sizes["cpx31"].Regions);       // deprecated in fsn1 and nbg1
        Assert.Equal("cpx32", entry.Sizes["cpx31"].ReplacedBy);
        Assert.Equal(new[] { "fsn1", "nbg1" }, entry.Sizes["cx33"].Regions); // out of stock is still sold
        Assert.Null(entry.Sizes["ccx13"].Regions);                         // every region
        Assert.Equal(35.99m, entry.Sizes["cpx32"].Monthly);                 // the default region's price
        Assert.Equal(0.0008m, entry.Ipv4Hourly);
        Assert.Equal(live.AsOf, entry.AsOf);
        Assert.Contains("--target=Catalog --refresh", entry.Source, StringComparison.Ordinal);

        using var dir = new TempDirectory();
        var file = dir.Write("catalog.yml", CatalogYaml.Render(new ProviderCatalog(new Dictionary<string, ProviderInfo> { ["hetzner"] = entry })));
        var reread = ProviderCatalog.Load(file).Find("hetzner")!;
        Assert.Equal(entry.Sizes.Keys, reread.Sizes.Keys);
        Assert.Equal(new[] { "ash" }, reread.Sizes["cpx31"].Regions);
    }

    [Fact]
    public async Task A_default_size_the_api_no_longer_sells_stops_the_refresh()
    {
        using var api = new FakeApi(CatalogFixtures.DigitalOcean);
        using var cache = new TempDirectory();
        var live = await CatalogFixtures.Service(CatalogFixtures.DigitalOceanEnvironment(api), cache.Path).SnapshotAsync("digitalocean", refresh: true);
        var current = Catalogs.Providers.Find("digitalocean")! with { DefaultSize = "c-4" };

        var error = Assert.Throws<CatalogApiException>(() => CatalogYaml.FromLive(current, live));

        Assert.Contains("default size c-4 is no longer sold", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, CatalogYaml.FromLive(Catalogs.Providers.Find("digitalocean")!, live).Sizes.Count); // positive control
    }
}
