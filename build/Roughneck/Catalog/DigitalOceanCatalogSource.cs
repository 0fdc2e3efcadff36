using System.Globalization;
using System.Text.Json;

namespace Roughneck.Catalog;

/// <summary>
/// DigitalOcean: GET /v2/sizes (slug, vcpus, memory in MB, price_monthly, price_hourly, the regions
/// that sell it, available) and /v2/regions (slug, available, sizes), paged by links.pages.next.
/// Droplet prices include the public IPv4 address, and every droplet is amd64.
/// </summary>
public sealed class DigitalOceanCatalogSource : ICatalogSource
{
    public const string DefaultEndpoint = "https://api.digitalocean.com";
    private readonly JsonApi _api;
    private readonly Func<DateTimeOffset> _now;

    public DigitalOceanCatalogSource(JsonApi api, Func<DateTimeOffset>? now = null)
    {
        _api = api;
        _now = now ?? (() => DateTimeOffset.UtcNow);
    }

    public string Provider => "digitalocean";

    public async Task<CatalogSnapshot> FetchAsync(CancellationToken ct)
    {
        var regions = await PagesAsync("v2/regions?per_page=200", "regions", ct);
        var sizes = await PagesAsync("v2/sizes?per_page=200", "sizes", ct);
        var regionOpen = regions.ToDictionary(r => r.GetProperty("slug").GetString()!, r => r.GetProperty("available").GetBoolean());
        var regionSizes = regions.ToDictionary(r => r.GetProperty("slug").GetString()!,
            r => r.TryGetProperty("sizes", out var s) ? s.EnumerateArray().Select(x => x.GetString()!).ToHashSet() : new HashSet<string>());

        var types = new List<CatalogType>();
        foreach (var s in sizes)
        {
            var slug = s.GetProperty("slug").GetString()!;
            var price = new Price(s.GetProperty("price_hourly").GetDecimal(), s.GetProperty("price_monthly").GetDecimal());
            var sizeAvailable = !s.TryGetProperty("available", out var av) || av.GetBoolean();
            var soldIn = s.TryGetProperty("regions", out var rs) ? rs.EnumerateArray().Select(x => x.GetString()!).ToHashSet() : new HashSet<string>();
            var offers = regionOpen.Keys
                .Where(r => soldIn.Contains(r) || regionSizes[r].Contains(slug))
                .Select(r => new RegionOffer(r, price, sizeAvailable && regionOpen[r] && regionSizes[r].Contains(slug)))
                .ToList();
            types.Add(new CatalogType(slug, "amd64", s.GetProperty("vcpus").GetInt32(), s.GetProperty("memory").GetDouble() / 1024.0, price, offers));
        }
        return new CatalogSnapshot("digitalocean", "USD", $"DigitalOcean API {_api.Base} (v2/sizes, v2/regions), IPv4 included",
            _now().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), true,
            regionOpen.Keys.ToList(), types, Price.Zero, new Dictionary<string, Price>(), new Dictionary<string, string>());
    }

    private async Task<List<JsonElement>> PagesAsync(string first, string key, CancellationToken ct)
    {
        var items = new List<JsonElement>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? next = first;
        while (next is not null)
        {
            if (!seen.Add(next)) throw new CatalogApiException($"DigitalOcean API pagination loops at {next}");
            using var doc = await _api.GetAsync(next, ct);
            foreach (var item in doc.RootElement.GetProperty(key).EnumerateArray()) items.Add(item.Clone());
            next = doc.RootElement.TryGetProperty("links", out var links)
                   && links.TryGetProperty("pages", out var pages)
                   && pages.TryGetProperty("next", out var n)
                   && n.ValueKind == JsonValueKind.String
                ? n.GetString()
                : null;
        }
        return items;
    }
}
