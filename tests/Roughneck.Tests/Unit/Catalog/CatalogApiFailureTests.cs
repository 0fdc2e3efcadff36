using Roughneck.Catalog;
using Roughneck.Processes;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit.Catalog;

/// <summary>401, 429 with Retry-After, and a server that never answers: clear errors, the file as fallback.</summary>
public class CatalogApiFailureTests
{
    private static readonly FakeAnswer Unauthorized = new(401, """{"error":{"code":"unauthorized","message":"unable to authenticate","details":{}}}""");

    [Fact]
    public async Task A_rejected_token_falls_back_to_the_file_with_a_warning_that_names_the_401()
    {
        using var api = new FakeApi(_ => Unauthorized, "/v1");
        using var cache = new TempDirectory();
        var log = new MemoryLog();

        var view = await CatalogFixtures.Service(CatalogFixtures.HetznerEnvironment(api), cache.Path, log).ForAsync("hetzner", "fsn1");

        Assert.False(view.Live);
        Assert.Contains("rejected the token (401 Unauthorized)", log.Text, StringComparison.Ordinal);
        Assert.Contains("live catalog failed", view.Source, StringComparison.Ordinal);
        Assert.DoesNotContain(CatalogFixtures.HetznerToken, log.Text, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(cache.Path)); // a failure is not cached
    }

    [Fact]
    public async Task Refresh_does_not_fall_back_it_fails()
    {
        using var api = new FakeApi(_ => Unauthorized, "/v1");
        using var cache = new TempDirectory();

        var error = await Assert.ThrowsAsync<CatalogApiException>(() =>
            CatalogFixtures.Service(CatalogFixtures.HetznerEnvironment(api), cache.Path).SnapshotAsync("hetzner", refresh: true));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_limited_requests_wait_for_retry_after_and_succeed()
    {
        var limited = 0;
        using var api = new FakeApi(path =>
        {
            if (path.StartsWith("/v2/regions", StringComparison.Ordinal) && Interlocked.Increment(ref limited) == 1)
            {
                return new FakeAnswer(429, """{"id":"too_many_requests","message":"API Rate limit exceeded."}""", new Dictionary<string, string> { ["Retry-After"] = "1" });
            }
            return CatalogFixtures.DigitalOcean(path);
        });
        using var cache = new TempDirectory();
        var started = DateTime.UtcNow;

        var view = await CatalogFixtures.Service(CatalogFixtures.DigitalOceanEnvironment(api), cache.Path).ForAsync("digitalocean", "nyc1");

        Assert.True(view.Live);
        Assert.Equal(2, api.Requests.Count(r => r.PathAndQuery.StartsWith("/v2/regions", StringComparison.Ordinal)));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "waited for Retry-After");
    }

    [Fact]
    public async Task A_retry_after_longer_than_allowed_fails_with_the_wait_it_asked_for()
    {
        using var api = new FakeApi(_ => new FakeAnswer(429, """{"error":{"code":"rate_limit_exceeded","message":"limit of 3600 requests per hour reached"}}""",
            new Dictionary<string, string> { ["Retry-After"] = "120" }), "/v1");
        using var cache = new TempDirectory();

        var error = await Assert.ThrowsAsync<CatalogApiException>(() =>
            CatalogFixtures.Service(CatalogFixtures.HetznerEnvironment(api), cache.Path).SnapshotAsync("hetzner", refresh: true));

        Assert.Contains("rate limit reached (429); it asks to retry after 120 s", error.Message, StringComparison.Ordinal);
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_times_out_and_the_file_serves()
    {
        using var api = new FakeApi(_ => new FakeAnswer(200, "{}", Delay: TimeSpan.FromSeconds(10)), "/v1");
        using var cache = new TempDirectory();
        var log = new MemoryLog();
        var started = DateTime.UtcNow;

        var view = await CatalogFixtures.Service(CatalogFixtures.HetznerEnvironment(api), cache.Path, log,
            new CatalogOptions { Timeout = TimeSpan.FromSeconds(1) }).ForAsync("hetzner", null);

        Assert.False(view.Live);
        Assert.Contains("did not answer /v1/locations within 1 s", log.Text, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task A_pagination_link_to_another_host_is_not_followed_with_the_token()
    {
        using var api = new FakeApi(path => path.StartsWith("/v2/sizes", StringComparison.Ordinal)
            ? FakeAnswer.Json("""{"sizes":[],"links":{"pages":{"next":"http://203.0.113.9/v2/sizes?page=2"}},"meta":{"total":9}}""")
            : CatalogFixtures.DigitalOcean(path));
        using var cache = new TempDirectory();

        var error = await Assert.ThrowsAsync<CatalogApiException>(() =>
            CatalogFixtures.Service(CatalogFixtures.DigitalOceanEnvironment(api), cache.Path).SnapshotAsync("digitalocean", refresh: true));

        Assert.Contains("outside", error.Message, StringComparison.Ordinal);
    }
}
