using Roughneck.Catalog;
using Roughneck.Processes;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit.Catalog;

/// <summary>
/// The live catalog against a local server replaying the providers' documented answers: paging,
/// per-location prices and availability, the IPv4 charge, the token only in the Authorization header.
/// </summary>
public class LiveCatalogTests
{
    [Fact]
    public async Task Hetzner_reads_every_page_of_server_types_with_location_prices_and_availability()
    {
        using var api = new FakeApi(CatalogFixtures.Hetzner, "/v1");
        using var cache = new TempDirectory();

        var view = await CatalogFixtures.Service(CatalogFixtures.HetznerEnvironment(api), cache.Path).ForAsync("hetzner", "nbg1");

        Assert.True(view.Live);
        Assert.Equal(new[] { "fsn1", "nbg1", "ash" }, view.Regions);
        Assert.Contains(api.Requests, r => r.PathAndQuery.StartsWith("/v1/server_types?page=2", StringComparison.Ordinal)); // second page followed
        Assert.Equal("arm64", view.Find("cax11")!.Arch);
        Assert.False(view.Find("cx33")!.Available);                  // out of stock in nbg1
        Assert.True(view.Find("cpx32")!.Available);
        Assert.Equal(35.99m, view.Find("cpx32")!.Monthly);
        Assert.Equal(new Price(0.0008m, 0.5m), view.Ipv4);            // from /pricing primary_ips
        Assert.DoesNotContain(api.Requests, r => r.PathAndQuery.StartsWith("/v1/datacenters", StringComparison.Ordinal));
        Assert.Contains("Hetzner Cloud API", view.Source, StringComparison.Ordinal);
        Assert.Matches(@"^\d{4}-\d\d-\d\d$", view.AsOf);
    }

    [Fact]
    public async Task The_token_travels_only_in_the_authorization_header()
    {
        using var api = new FakeApi(CatalogFixtures.Hetzner, "/v1");
        using var cache = new TempDirectory();
        var log = new MemoryLog();

        await CatalogFixtures.Service(CatalogFixtures.HetznerEnvironment(api), cache.Path, log).ForAsync("hetzner", "fsn1");

        Assert.NotEmpty(api.Requests);
        Assert.All(api.Requests, r => Assert.Equal("Bearer " + CatalogFixtures.HetznerToken, r.Authorization));
        Assert.All(api.Requests, r => Assert.DoesNotContain(CatalogFixtures.HetznerToken, r.PathAndQuery, StringComparison.Ordinal));
        Assert.DoesNotContain(CatalogFixtures.HetznerToken, log.Text, StringComparison.Ordinal);
        var cached = Directory.GetFiles(cache.Path, "*.json", SearchOption.AllDirectories);
        Assert.Single(cached);
        Assert.Contains("cpx32", File.ReadAllText(cached[0]), StringComparison.Ordinal); // positive control: the cache is the answer
        Assert.DoesNotContain(CatalogFixtures.HetznerToken, File.ReadAllText(cached[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deprecated_per_location_types_are_refused_with_a_successor_and_sold_elsewhere()
    {
        using var api = new FakeApi(CatalogFixtures.Hetzner, "/v1");
        using var cache = new TempDirectory();
        var service = CatalogFixtures.Service(CatalogFixtures.HetznerEnvironment(api), cache.Path);

        var fsn1 = (await service.ForAsync("hetzner", "fsn1")).Check("cpx31");
        var ash = (await service.ForAsync("hetzner", "ash")).Check("cpx31");
        var nbg1 = (await service.ForAsync("hetzner", "nbg1")).Check("cx33");

        Assert.Equal(SizeStatus.Retired, fsn1.Status);
        Assert.Equal("cpx32", fsn1.Replacement); // catalog.yml's replaced_by, orderable there
        Assert.Contains("can no longer be ordered after 2026-01-01", fsn1.Message, StringComparison.Ordinal);
        Assert.Equal(SizeStatus.Orderable, ash.Status);
        Assert.Equal(SizeStatus.Unavailable, nbg1.Status);
        Assert.Equal("cpx32", nbg1.Replacement);
    }

    [Fact]
    public async Task A_type_the_api_no_longer_lists_is_removed_with_the_nearest_successor()
    {
        using var api = new FakeApi(CatalogFixtures.Hetzner, "/v1");
        using var cache = new TempDirectory();

        var view = await CatalogFixtures.Service(CatalogFixtures.HetznerEnvironment(api), cache.Path).ForAsync("hetzner", "fsn1");
        var gone = view.Check("cx23");   // in catalog.yml, not in the fixture's answer; cx33 is the cheapest bigger amd64
        var noSuccessor = view.Check("cx53"); // nothing amd64 with 16 vCPUs in the answer

        Assert.Equal(SizeStatus.Retired, gone.Status);
        Assert.Equal("cx33", gone.Replacement);
        Assert.Equal("hetzner removed server type cx23; use cx33 instead", gone.Message);
        Assert.Equal(SizeStatus.Retired, noSuccessor.Status);
        Assert.Null(noSuccessor.Replacement);
        Assert.Contains("does not offer cx53 any more", noSuccessor.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_per_location_availability_hetzner_falls_back_to_datacenters()
    {
        using var api = new FakeApi(path => path.StartsWith("/v1/server_types", StringComparison.Ordinal)
            ? FakeAnswer.Json(CatalogFixtures.Read("hetzner", "server_types-legacy.json"))
            : CatalogFixtures.Hetzner(path), "/v1");
        using var cache = new TempDirectory();

        var view = await CatalogFixtures.Service(CatalogFixtures.HetznerEnvironment(api), cache.Path).ForAsync("hetzner", "fsn1");

        Assert.Contains(api.Requests, r => r.PathAndQuery.StartsWith("/v1/datacenters", StringComparison.Ordinal));
        Assert.False(view.Find("cx33")!.Available); // 114 is supported but not available in fsn1-dc14
        Assert.True(view.Find("cpx22")!.Available);
    }

    [Fact]
    public async Task Digitalocean_follows_links_pages_next_and_marks_sizes_a_region_cannot_take()
    {
        using var api = new FakeApi(CatalogFixtures.DigitalOcean);
        using var cache = new TempDirectory();

        var view = await CatalogFixtures.Service(CatalogFixtures.DigitalOceanEnvironment(api), cache.Path).ForAsync("digitalocean", "fra1");

        Assert.True(view.Live);
        Assert.Contains(api.Requests, r => r.PathAndQuery.StartsWith("/v2/sizes?page=2", StringComparison.Ordinal));
        Assert.Equal(new[] { "s-1vcpu-2gb", "s-2vcpu-4gb", "g-2vcpu-8gb" }, view.Rows.Select(r => r.Name)); // sold first, cheapest first
        Assert.True(view.Find("s-1vcpu-2gb")!.Available);
        Assert.False(view.Find("s-2vcpu-4gb")!.Available);   // listed for fra1 but fra1 cannot take it now
        Assert.False(view.Find("g-2vcpu-8gb")!.Sold);
        Assert.Equal(4.0, view.Find("s-2vcpu-4gb")!.MemoryGb);
        Assert.Equal(Price.Zero, view.Ipv4);
        Assert.All(api.Requests, r => Assert.Equal("Bearer " + CatalogFixtures.DigitalOceanToken, r.Authorization));
    }

    [Fact]
    public async Task Answers_are_cached_for_a_day_then_fetched_again()
    {
        using var api = new FakeApi(CatalogFixtures.DigitalOcean);
        using var cache = new TempDirectory();
        var environment = CatalogFixtures.DigitalOceanEnvironment(api);

        await CatalogFixtures.Service(environment, cache.Path).ForAsync("digitalocean", "nyc1");
        var afterFirst = api.Requests.Count;
        await CatalogFixtures.Service(environment, cache.Path).ForAsync("digitalocean", "nyc1");
        Assert.Equal(afterFirst, api.Requests.Count);

        foreach (var file in Directory.GetFiles(cache.Path)) File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-25));
        await CatalogFixtures.Service(environment, cache.Path).ForAsync("digitalocean", "nyc1");
        Assert.True(api.Requests.Count > afterFirst, "a day-old cache is fetched again");
    }

    [Fact]
    public async Task Without_a_token_the_dated_file_serves_and_nothing_is_asked()
    {
        using var api = new FakeApi(CatalogFixtures.Hetzner, "/v1");
        using var cache = new TempDirectory();

        var view = await CatalogFixtures.Service(new Dictionary<string, string> { ["HCLOUD_ENDPOINT"] = api.BaseUrl }, cache.Path).ForAsync("hetzner", "fsn1");

        Assert.False(view.Live);
        Assert.Empty(api.Requests);
        Assert.Equal(Catalogs.Providers.Find("hetzner")!.AsOf, view.AsOf);
        Assert.StartsWith("terraform/catalog.yml: ", view.Source, StringComparison.Ordinal);
    }
}
