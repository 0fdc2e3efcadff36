using Roughneck.Catalog;
using Roughneck.Processes;
using Roughneck.Tests.TestSupport;

namespace Roughneck.Tests.Unit.Catalog;

/// <summary>The fake Hetzner and DigitalOcean APIs serving tests/fixtures/catalog, and a service pointed at them.</summary>
internal static class CatalogFixtures
{
    public const string HetznerToken = "hcloud-fixture-token-0123456789";
    public const string DigitalOceanToken = "dop_v1_fixture_token_abcdef";

    public static string Read(string provider, string file) => File.ReadAllText(RepoRoot.Combine("tests", "fixtures", "catalog", provider, file));

    /// <summary>Hetzner's documented answers; the query's page picks the page.</summary>
    public static FakeAnswer Hetzner(string pathAndQuery) => pathAndQuery switch
    {
        _ when pathAndQuery.StartsWith("/v1/server_types?page=1", StringComparison.Ordinal) => FakeAnswer.Json(Read("hetzner", "server_types-1.json")),
        _ when pathAndQuery.StartsWith("/v1/server_types?page=2", StringComparison.Ordinal) => FakeAnswer.Json(Read("hetzner", "server_types-2.json")),
        _ when pathAndQuery.StartsWith("/v1/locations", StringComparison.Ordinal) => FakeAnswer.Json(Read("hetzner", "locations.json")),
        _ when pathAndQuery.StartsWith("/v1/pricing", StringComparison.Ordinal) => FakeAnswer.Json(Read("hetzner", "pricing.json")),
        _ when pathAndQuery.StartsWith("/v1/datacenters", StringComparison.Ordinal) => FakeAnswer.Json(Read("hetzner", "datacenters.json")),
        _ => new FakeAnswer(404, """{"error":{"code":"not_found","message":"not found"}}"""),
    };

    public static FakeAnswer DigitalOcean(string pathAndQuery) => pathAndQuery switch
    {
        _ when pathAndQuery.StartsWith("/v2/sizes?page=2", StringComparison.Ordinal) => FakeAnswer.Json(Read("digitalocean", "sizes-2.json")),
        _ when pathAndQuery.StartsWith("/v2/sizes", StringComparison.Ordinal) => FakeAnswer.Json(Read("digitalocean", "sizes-1.json")),
        _ when pathAndQuery.StartsWith("/v2/regions", StringComparison.Ordinal) => FakeAnswer.Json(Read("digitalocean", "regions.json")),
        _ => new FakeAnswer(404, """{"id":"not_found","message":"The resource you were accessing could not be found."}"""),
    };

    public static Dictionary<string, string> HetznerEnvironment(FakeApi api) => new()
    {
        ["HCLOUD_TOKEN"] = HetznerToken,
        ["HCLOUD_ENDPOINT"] = api.BaseUrl,
    };

    public static Dictionary<string, string> DigitalOceanEnvironment(FakeApi api) => new()
    {
        ["DIGITALOCEAN_TOKEN"] = DigitalOceanToken,
        ["DIGITALOCEAN_API_URL"] = api.BaseUrl,
    };

    public static CatalogService Service(IReadOnlyDictionary<string, string> environment, string cacheDir, MemoryLog? log = null, CatalogOptions? options = null) =>
        new(Catalogs.Providers, cacheDir, environment, log, options ?? new CatalogOptions { Timeout = TimeSpan.FromSeconds(5), MaxRetryWait = TimeSpan.FromSeconds(3) });
}
