using System.Globalization;
using System.Text.Json;

namespace Roughneck.Catalog;

/// <summary>
/// Hetzner Cloud: GET /server_types (types, per-location prices, and since 2026-04 per-location
/// `available` and deprecation), /locations, /pricing (the primary IPv4 charge), all paged by
/// meta.pagination.next_page. /datacenters (server_types.available) is read only when the server
/// types carry no per-location availability; Hetzner removed it after 2026-10-01 (410 Gone).
/// </summary>
public sealed class HetznerCatalogSource : ICatalogSource
{
    public const string DefaultEndpoint = "https://api.hetzner.cloud/v1";
    private readonly JsonApi _api;
    private readonly Func<DateTimeOffset> _now;

    public HetznerCatalogSource(JsonApi api, Func<DateTimeOffset>? now = null)
    {
        _api = api;
        _now = now ?? (() => DateTimeOffset.UtcNow);
    }

    public string Provider => "hetzner";

    public async Task<CatalogSnapshot> FetchAsync(CancellationToken ct)
    {
        var locations = (await PagesAsync("locations", "locations", ct)).Select(l => l.GetProperty("name").GetString()!).ToList();
        var serverTypes = await PagesAsync("server_types", "server_types", ct);
        var (currency, ipv4) = await Ipv4PricesAsync(ct);
        var needDatacenters = serverTypes.Any(t => !t.TryGetProperty("locations", out var l) || l.EnumerateArray().Any(o => !o.TryGetProperty("available", out _)));
        var availableByLocation = needDatacenters ? await DatacenterAvailabilityAsync(ct) : null;

        var types = new List<CatalogType>();
        foreach (var t in serverTypes)
        {
            var id = t.GetProperty("id").GetInt64();
            var name = t.GetProperty("name").GetString()!;
            var arch = t.TryGetProperty("architecture", out var a) && a.GetString() == "arm" ? "arm64" : "amd64";
            var prices = t.GetProperty("prices").EnumerateArray().ToDictionary(
                p => p.GetProperty("location").GetString()!,
                p => new Price(Net(p.GetProperty("price_hourly")), Net(p.GetProperty("price_monthly"))));
            var typeDeprecation = UnavailableAfter(t);
            var perLocation = t.TryGetProperty("locations", out var locs)
                ? locs.EnumerateArray().ToDictionary(l => l.GetProperty("name").GetString()!, l => l)
                : new Dictionary<string, JsonElement>();
            var offers = new List<RegionOffer>();
            foreach (var (location, price) in prices)
            {
                if (perLocation.Count > 0 && !perLocation.ContainsKey(location)) continue; // priced but not supported there
                var entry = perLocation.GetValueOrDefault(location);
                var available = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("available", out var av)
                    ? av.GetBoolean()
                    : availableByLocation is null || (availableByLocation.TryGetValue(location, out var ids) && ids.Contains(id));
                var deprecated = (entry.ValueKind == JsonValueKind.Object ? UnavailableAfter(entry) : null) ?? typeDeprecation;
                offers.Add(new RegionOffer(location, price, available, deprecated));
            }
            var list = prices.Values.OrderBy(p => p.Monthly).FirstOrDefault() ?? Price.Zero;
            types.Add(new CatalogType(name, arch, t.GetProperty("cores").GetInt32(), t.GetProperty("memory").GetDouble(), list, offers));
        }
        var listIpv4 = ipv4.Values.OrderBy(p => p.Monthly).FirstOrDefault() ?? Price.Zero;
        return new CatalogSnapshot("hetzner", currency, $"Hetzner Cloud API {_api.Base} (server_types, locations, pricing), net prices without VAT",
            _now().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), true, locations, types, listIpv4, ipv4,
            new Dictionary<string, string>());
    }

    private async Task<List<JsonElement>> PagesAsync(string path, string key, CancellationToken ct)
    {
        var items = new List<JsonElement>();
        int? page = 1;
        while (page is { } p)
        {
            using var doc = await _api.GetAsync($"{path}?page={p}&per_page=50", ct);
            foreach (var item in doc.RootElement.GetProperty(key).EnumerateArray()) items.Add(item.Clone());
            page = doc.RootElement.TryGetProperty("meta", out var meta)
                   && meta.TryGetProperty("pagination", out var pagination)
                   && pagination.TryGetProperty("next_page", out var next)
                   && next.ValueKind == JsonValueKind.Number
                ? next.GetInt32()
                : null;
            if (page <= p) throw new CatalogApiException($"Hetzner API paginates {path} backwards (page {p} -> {page})");
        }
        return items;
    }

    private async Task<(string Currency, Dictionary<string, Price> Ipv4)> Ipv4PricesAsync(CancellationToken ct)
    {
        using var doc = await _api.GetAsync("pricing", ct);
        var pricing = doc.RootElement.GetProperty("pricing");
        var result = new Dictionary<string, Price>(StringComparer.Ordinal);
        if (pricing.TryGetProperty("primary_ips", out var ips))
        {
            foreach (var ip in ips.EnumerateArray().Where(i => i.GetProperty("type").GetString() == "ipv4"))
            {
                foreach (var p in ip.GetProperty("prices").EnumerateArray())
                {
                    result[p.GetProperty("location").GetString()!] = new Price(Net(p.GetProperty("price_hourly")), Net(p.GetProperty("price_monthly")));
                }
            }
        }
        return (pricing.GetProperty("currency").GetString()!, result);
    }

    private async Task<Dictionary<string, HashSet<long>>?> DatacenterAvailabilityAsync(CancellationToken ct)
    {
        List<JsonElement> datacenters;
        try
        {
            datacenters = await PagesAsync("datacenters", "datacenters", ct);
        }
        catch (CatalogApiException e) when (e.Message.Contains(" 410 ", StringComparison.Ordinal) || e.Message.Contains(" 404 ", StringComparison.Ordinal))
        {
            return null; // gone: availability unknown, treated as available
        }
        var result = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        foreach (var dc in datacenters)
        {
            var location = dc.GetProperty("location").GetProperty("name").GetString()!;
            var set = result.TryGetValue(location, out var s) ? s : result[location] = new HashSet<long>();
            foreach (var id in dc.GetProperty("server_types").GetProperty("available").EnumerateArray()) set.Add(id.GetInt64());
        }
        return result;
    }

    private string? UnavailableAfter(JsonElement element)
    {
        if (!element.TryGetProperty("deprecation", out var d) || d.ValueKind != JsonValueKind.Object) return null;
        var text = d.GetProperty("unavailable_after").GetString()!;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
            ? when.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : text;
    }

    private static decimal Net(JsonElement price) =>
        decimal.Parse(price.GetProperty("net").GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);
}
