using System.Globalization;
using Roughneck.Catalog;
using Roughneck.Deployments;

namespace Roughneck.Targets;

/// <summary>
/// Catalog: --provider=P [--region=R] lists the sizes with arch, vCPUs, memory and price, cheapest
/// first, marking those that cannot be ordered; --refresh rewrites terraform/catalog.yml from the
/// APIs whose token is set and the Terraform allow-lists from the file.
/// </summary>
public static class CatalogStep
{
    public static void Run(Session s) => RunAsync(s).GetAwaiter().GetResult();

    public static async Task RunAsync(Session s, CancellationToken ct = default)
    {
        if (s.Arguments.Refresh)
        {
            await RefreshAsync(s, ct);
            return;
        }
        var overrides = s.Arguments.SpecOverrides;
        var providers = s.Providers.Providers.Keys.ToList();
        if (!overrides.TryGetValue("provider", out var provider) || !providers.Contains(provider))
        {
            var given = overrides.GetValueOrDefault("provider");
            throw new SpecException(new SpecProblem("argument --provider", 0, "provider",
                given is null ? $"target Catalog needs --provider, one of: {string.Join(", ", providers)}" : $"'{given}' is not one of: {string.Join(", ", providers)}",
                given is null ? null : NearestName.Find(given, providers)));
        }
        var region = overrides.GetValueOrDefault("region");
        var view = await s.Catalog.ForAsync(provider, region, ct);
        if (region is not null && !view.Regions.Contains(region))
        {
            throw new SpecException(new SpecProblem("argument --region", 0, "region",
                $"'{region}' is not a {provider} region: {string.Join(", ", view.Regions)}", NearestName.Find(region, view.Regions)));
        }
        foreach (var line in Table(view)) s.Log.Info(line);
    }

    /// <summary>The listing, one string per line: a header with source and date, then the rows.</summary>
    public static IEnumerable<string> Table(CatalogView view)
    {
        var where = view.Region is null ? "all regions" : view.Region;
        yield return $"{view.Provider} sizes in {where}, cheapest first ({(view.Live ? "live catalog" : "offline catalog")} as of {view.AsOf}; {view.Source})";
        yield return FormattableString.Invariant($"Prices exclude VAT; the public IPv4 adds {view.Ipv4.Hourly:0.0000} {view.Currency}/hour, {view.Ipv4.Monthly:0.00} {view.Currency}/month.");
        var cur = view.Currency;
        yield return string.Format(CultureInfo.InvariantCulture, "  {0,-14} {1,-6} {2,5} {3,9} {4,13} {5,14}  {6}", "SIZE", "ARCH", "VCPUS", "MEMORY", cur + "/HOUR", cur + "/MONTH", "");
        foreach (var row in view.Rows)
        {
            var mark = row.Available ? " " : "x";
            yield return string.Format(CultureInfo.InvariantCulture, "{0} {1,-14} {2,-6} {3,5} {4,6:0.#} GB {5,13:0.0000} {6,14:0.00}  {7}",
                mark, row.Name, row.Arch, row.Vcpus, row.MemoryGb, row.Hourly, row.Monthly, row.Note ?? "").TrimEnd();
        }
        if (view.Rows.Any(r => !r.Available)) yield return "x = cannot be ordered there now (see the note)";
    }

    private static async Task RefreshAsync(Session s, CancellationToken ct)
    {
        var current = s.Providers;
        var updated = new Dictionary<string, ProviderInfo>(StringComparer.Ordinal);
        foreach (var (name, info) in current.Providers)
        {
            if (s.Catalog.LiveAccess(name) is null)
            {
                if (name is "hetzner" or "digitalocean") s.Log.Info($"Catalog: {name} kept as of {info.AsOf} (no token in the environment)");
                updated[name] = info;
                continue;
            }
            var live = await s.Catalog.SnapshotAsync(name, refresh: true, ct);
            updated[name] = CatalogYaml.FromLive(info, live);
            s.Log.Info($"Catalog: {name} refreshed from its API: {updated[name].Sizes.Count} sizes, {updated[name].Regions.Count} regions, as of {live.AsOf}");
        }
        var catalog = new ProviderCatalog(updated);
        if (File.ReadAllText(s.Repo.Catalog) != CatalogYaml.Render(catalog))
        {
            File.WriteAllText(s.Repo.Catalog, CatalogYaml.Render(catalog));
            s.Log.Info("Catalog: wrote terraform/catalog.yml");
        }
        foreach (var file in TerraformAllowLists.WriteAll(s.Repo, ProviderCatalog.Load(s.Repo.Catalog)))
        {
            s.Log.Info($"Catalog: wrote {Path.GetRelativePath(s.Repo.Root, file)}");
        }
    }
}
