using System.Text.Json.Nodes;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>
/// Init against the live catalog (a local server replaying Hetzner's answers through
/// HCLOUD_ENDPOINT) through the real ./build.sh: a size Hetzner has deprecated in the region is
/// refused with its replacement before anything is written; one out of stock there is a warning.
/// </summary>
[Collection("cli")]
public sealed class InitCatalogCheckTests : IDisposable
{
    private const string Spec = """
        provider: hetzner
        region: REGION
        size: cx33
        ssh:
          allowed_cidrs: [203.0.113.0/24]
        """;

    private readonly TempDeployments _deployments = new();
    private readonly TempDirectory _fake = new();

    /// <summary>The fixture's answers with cx33 deprecated in fsn1 (unavailable after 2026-11-01).</summary>
    private static FakeAnswer WithCx33DeprecatedInFsn1(string path)
    {
        if (!path.StartsWith("/v1/server_types?page=1", StringComparison.Ordinal)) return Unit.Catalog.CatalogFixtures.Hetzner(path);
        var page = JsonNode.Parse(Unit.Catalog.CatalogFixtures.Read("hetzner", "server_types-1.json"))!;
        var cx33 = page["server_types"]!.AsArray().First(t => (string)t!["name"]! == "cx33")!;
        var fsn1 = cx33["locations"]!.AsArray().First(l => (string)l!["name"]! == "fsn1")!;
        fsn1["deprecation"] = new JsonObject { ["announced"] = "2026-08-01T00:00:00+00:00", ["unavailable_after"] = "2026-11-01T00:00:00+00:00" };
        fsn1["available"] = false;
        return FakeAnswer.Json(page.ToJsonString());
    }

    private readonly List<string> _cacheFiles = new();

    private Dictionary<string, string> Environment(FakeApi api)
    {
        // the live answer is cached in the repository's build/.cache for a day: removed on Dispose
        _cacheFiles.Add(new Roughneck.Catalog.CatalogCache(RepoRoot.Combine("build", ".cache", "catalog")).PathFor("hetzner", api.BaseUrl));
        return Variables(api);
    }

    private Dictionary<string, string> Variables(FakeApi api) => new()
    {
        ["PATH"] = RepoRoot.Combine("tests", "fixtures", "fake-terraform") + ":" + System.Environment.GetEnvironmentVariable("PATH"),
        ["FAKE_TF_LOG"] = _fake.Combine("calls.log"),
        ["FAKE_TF_STATE"] = _fake.Combine("outputs.json"),
        ["HCLOUD_TOKEN"] = "fake-token-for-the-catalog-test",
        ["HCLOUD_ENDPOINT"] = api.BaseUrl,
    };

    [Fact]
    public void A_size_deprecated_in_the_region_is_refused_with_its_replacement_and_nothing_is_written()
    {
        using var api = new FakeApi(WithCx33DeprecatedInFsn1, "/v1");
        _deployments.Add("retired-size", Spec.Replace("REGION", "fsn1", StringComparison.Ordinal));

        var result = CliRun.Run(_deployments.Dir, Environment(api), TimeSpan.FromMinutes(10), "--target=Init", "--deployment=retired-size");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Init refuses cx33 in fsn1: cx33 is deprecated in fsn1 and can no longer be ordered after 2026-11-01; use cpx32 instead (live catalog as of", result.Output, StringComparison.Ordinal);
        Assert.Contains("did you mean 'cpx32'?", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_deployments.Work("retired-size"), "tfvars.json")), "nothing may be written:\n" + result);
        Assert.False(File.Exists(_fake.Combine("calls.log")), "terraform must not run:\n" + result);
        Assert.Contains(api.Requests, r => r.PathAndQuery.StartsWith("/v1/server_types", StringComparison.Ordinal)); // it asked the live catalog
    }

    [Fact]
    public void A_size_out_of_stock_in_the_region_is_a_warning_and_init_goes_on()
    {
        using var api = new FakeApi(Unit.Catalog.CatalogFixtures.Hetzner, "/v1");
        _deployments.Add("no-stock", Spec.Replace("REGION", "nbg1", StringComparison.Ordinal));

        var result = CliRun.Run(_deployments.Dir, Environment(api), TimeSpan.FromMinutes(10), "--target=Init", "--deployment=no-stock");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning: Init: cx33 is out of stock in nbg1 right now (live catalog as of", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_deployments.Work("no-stock"), "tfvars.json")));
        Assert.True(File.Exists(_cacheFiles.Single()), "the live answer is cached for the next run");
        Assert.DoesNotContain("fake-token-for-the-catalog-test", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Destroy_is_never_stopped_by_the_catalog()
    {
        using var api = new FakeApi(WithCx33DeprecatedInFsn1, "/v1");
        _deployments.Add("retired-destroy", Spec.Replace("REGION", "fsn1", StringComparison.Ordinal));

        var result = CliRun.Run(_deployments.Dir, Environment(api), TimeSpan.FromMinutes(10), "--target=Destroy", "--deployment=retired-destroy", "--force");

        Assert.DoesNotContain("Init refuses", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(api.Requests, r => r.PathAndQuery.StartsWith("/v1/server_types", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        foreach (var file in _cacheFiles.Where(File.Exists)) File.Delete(file);
        _deployments.Dispose();
        _fake.Dispose();
    }
}
