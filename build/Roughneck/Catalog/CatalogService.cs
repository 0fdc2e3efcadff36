using Roughneck.Deployments;
using Roughneck.Processes;

namespace Roughneck.Catalog;

public sealed record CatalogOptions
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan MaxRetryWait { get; init; } = TimeSpan.FromSeconds(30);
    public Func<DateTimeOffset> Now { get; init; } = () => DateTimeOffset.UtcNow;
}

/// <summary>
/// The catalog of a provider for a region: live from the provider's API when its token is in the
/// environment (cached for a day), else terraform/catalog.yml. A failing API falls back to the
/// file with a warning; every view says which source and date it carries.
/// </summary>
public sealed class CatalogService
{
    private readonly ProviderCatalog _offline;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly ILog? _log;
    private readonly CatalogOptions _options;
    private readonly CatalogCache _cache;
    private readonly Dictionary<string, CatalogSnapshot> _memo = new(StringComparer.Ordinal);

    public CatalogService(ProviderCatalog offline, string cacheDir, IReadOnlyDictionary<string, string> environment, ILog? log = null, CatalogOptions? options = null)
    {
        _offline = offline;
        _environment = environment;
        _log = log;
        _options = options ?? new CatalogOptions();
        _cache = new CatalogCache(cacheDir, _options.Now);
    }

    /// <summary>The usual entry point: the repository's catalog.yml and cache, tokens and endpoints from the environment.</summary>
    public static CatalogService For(RepoPaths repo, IReadOnlyDictionary<string, string> environment, ILog? log = null, CatalogOptions? options = null) =>
        new(ProviderCatalog.Load(repo.Catalog), Path.Combine(repo.CacheDir, "catalog"), environment, log, options);

    /// <summary>One call for the wizard and the targets: the rows for a provider and region (null: all regions).</summary>
    public async Task<CatalogView> ForAsync(string provider, string? region, CancellationToken ct = default) =>
        (await SnapshotAsync(provider, refresh: false, ct)).For(region);

    public ProviderInfo Offline(string provider) =>
        _offline.Find(provider) ?? throw new ArgumentException($"unknown provider '{provider}'", nameof(provider));

    /// <summary>The API base and token for a provider, or null when it has no live source or no token here.</summary>
    public (string Endpoint, string Token)? LiveAccess(string provider)
    {
        string? Get(string name) => _environment.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        return provider switch
        {
            "hetzner" when Get("HCLOUD_TOKEN") is { } token => (Get("HCLOUD_ENDPOINT") ?? HetznerCatalogSource.DefaultEndpoint, token),
            "digitalocean" when (Get("DIGITALOCEAN_TOKEN") ?? Get("DIGITALOCEAN_ACCESS_TOKEN")) is { } token =>
                (Get("DIGITALOCEAN_API_URL") ?? DigitalOceanCatalogSource.DefaultEndpoint, token),
            _ => null,
        };
    }

    /// <summary>
    /// refresh: skip the cache, and fail instead of falling back (the Catalog target's --refresh).
    /// </summary>
    public async Task<CatalogSnapshot> SnapshotAsync(string provider, bool refresh, CancellationToken ct = default)
    {
        if (!refresh && _memo.TryGetValue(provider, out var known)) return known;
        var offline = OfflineCatalog.From(Offline(provider));
        if (LiveAccess(provider) is not { } access)
        {
            if (refresh) throw new CatalogApiException($"{provider} has no live catalog here (no token in the environment)");
            return _memo[provider] = offline;
        }
        if (!refresh && _cache.Read(provider, access.Endpoint) is { } cached) return _memo[provider] = cached;
        try
        {
            var api = new JsonApi(provider == "hetzner" ? "Hetzner" : "DigitalOcean", access.Endpoint, access.Token, _options.Timeout, maxRetryWait: _options.MaxRetryWait);
            ICatalogSource source = provider == "hetzner" ? new HetznerCatalogSource(api, _options.Now) : new DigitalOceanCatalogSource(api, _options.Now);
            var live = Enrich(await source.FetchAsync(ct), offline);
            _cache.Write(provider, access.Endpoint, live);
            return _memo[provider] = live;
        }
        catch (CatalogApiException e) when (!refresh)
        {
            _log?.Warn($"live {provider} catalog unavailable ({e.Message}); using terraform/catalog.yml as of {offline.AsOf}");
            return _memo[provider] = OfflineCatalog.From(Offline(provider), "live catalog failed: " + e.Message);
        }
    }

    /// <summary>
    /// What only the file knows: the named successors, and types the API no longer lists (removed),
    /// mapped to the cheapest live type of the same architecture and at least the same size.
    /// </summary>
    internal static CatalogSnapshot Enrich(CatalogSnapshot live, CatalogSnapshot offline)
    {
        var types = live.Types.Select(t => offline.Find(t.Name)?.ReplacedBy is { } named ? t with { ReplacedBy = named } : t).ToList();
        var removed = new Dictionary<string, string>(offline.Removed, StringComparer.Ordinal);
        foreach (var gone in offline.Types.Where(t => live.Find(t.Name) is null))
        {
            var successor = (gone.ReplacedBy is { } named && live.Find(named) is not null ? named : null)
                ?? types.Where(t => t.Arch == gone.Arch && t.Vcpus >= gone.Vcpus && t.MemoryGb >= gone.MemoryGb && t.Offers.Any(o => o.Available))
                    .OrderBy(t => t.ListPrice.Monthly).Select(t => t.Name).FirstOrDefault();
            if (successor is not null) removed[gone.Name] = successor;
        }
        return live with { Types = types, Removed = removed };
    }
}
