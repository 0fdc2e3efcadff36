using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>./build.sh --target=Catalog lists sizes cheapest first, live through HCLOUD_ENDPOINT or from the file.</summary>
[Collection("cli")]
public sealed class CatalogTargetTests : IDisposable
{
    private readonly TempDeployments _deployments = new();
    private readonly List<string> _cacheFiles = new();

    [Fact]
    public void Live_listing_for_a_region_marks_what_cannot_be_ordered()
    {
        using var api = new FakeApi(Unit.Catalog.CatalogFixtures.Hetzner, "/v1");
        _cacheFiles.Add(new Roughneck.Catalog.CatalogCache(RepoRoot.Combine("build", ".cache", "catalog")).PathFor("hetzner", api.BaseUrl));
        var environment = new Dictionary<string, string> { ["HCLOUD_TOKEN"] = "fake-token-for-the-listing", ["HCLOUD_ENDPOINT"] = api.BaseUrl };

        var result = CliRun.Run(_deployments.Dir, environment, TimeSpan.FromMinutes(5), "--target=Catalog", "--provider=hetzner", "--region=nbg1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("hetzner sizes in nbg1, cheapest first (live catalog as of", result.Output, StringComparison.Ordinal);
        var rows = result.Output.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, "^[ x] [a-z]+[0-9]+ +(amd64|arm64) ")).ToList();
        Assert.Equal(new[] { "cax11", "cx33", "cpx31", "cpx22", "cpx32", "ccx13" }, rows.Select(r => r[2..].Split(' ')[0])); // by price, marked, not hidden
        Assert.StartsWith("x cx33", rows.Single(r => r.Contains("cx33", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("unavailable in nbg1 now", rows.Single(r => r.Contains("cx33", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("deprecated: no new orders after 2026-01-01", rows.Single(r => r.Contains("cpx31", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("fake-token-for-the-listing", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_token_the_file_is_listed_with_its_date()
    {
        var result = CliRun.Run(_deployments.Dir, new Dictionary<string, string> { ["HCLOUD_TOKEN"] = "" }, TimeSpan.FromMinutes(5),
            "--target=Catalog", "--provider=aws", "--region=us-east-1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("aws sizes in us-east-1, cheapest first (offline catalog as of 2025-06-01", result.Output, StringComparison.Ordinal);
        Assert.Contains("public IPv4 adds 0.0050 USD/hour, 3.65 USD/month", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"\n  t3\.small\s+amd64\s+2\s+2 GB\s+0\.0252\s+18\.40", result.Output);
    }

    public void Dispose()
    {
        foreach (var file in _cacheFiles.Where(File.Exists)) File.Delete(file);
        _deployments.Dispose();
    }
}
