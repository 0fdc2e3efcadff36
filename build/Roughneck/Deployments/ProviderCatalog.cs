using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Roughneck.Deployments;

/// <summary>
/// One size of terraform/catalog.yml. <see cref="Regions"/> is where it is sold (null: every
/// region of the provider); <see cref="ReplacedBy"/> is what to order where it is not.
/// </summary>
public sealed record SizeInfo(string Name, string Arch, int Vcpus, double MemoryGb, decimal Hourly, decimal Monthly)
{
    public IReadOnlyList<string>? Regions { get; init; }
    public string? ReplacedBy { get; init; }

    public bool SoldIn(string region) => Regions is null || Regions.Contains(region);
}

public sealed record ProviderInfo(
    string Name,
    string DefaultRegion,
    string DefaultSize,
    string DefaultImage,
    string Currency,
    string AsOf,
    string Source,
    IReadOnlyList<string> Regions,
    IReadOnlyDictionary<string, SizeInfo> Sizes)
{
    public bool IsCloud => Name != "local";

    /// <summary>The public IPv4 address, charged on top of the server (0 where it is included).</summary>
    public decimal Ipv4Hourly { get; init; }
    public decimal Ipv4Monthly { get; init; }

    /// <summary>Types the provider no longer sells anywhere, with their successor.</summary>
    public IReadOnlyDictionary<string, string> Removed { get; init; } = new Dictionary<string, string>();
}

/// <summary>Regions, sizes and prices per provider, read from terraform/catalog.yml.</summary>
public sealed class ProviderCatalog
{
    public ProviderCatalog(IReadOnlyDictionary<string, ProviderInfo> providers) => Providers = providers;

    public IReadOnlyDictionary<string, ProviderInfo> Providers { get; }

    public ProviderInfo? Find(string name) => Providers.GetValueOrDefault(name);

    public static ProviderCatalog Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(path)) stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var providers = new Dictionary<string, ProviderInfo>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            providers[name] = ReadProvider(name, (YamlMappingNode)value);
        }
        return new ProviderCatalog(providers);
    }

    private static ProviderInfo ReadProvider(string name, YamlMappingNode body)
    {
        string S(string k) => ((YamlScalarNode)body[k]).Value!;
        decimal Money(string k) => body.Children.TryGetValue(k, out var n) ? decimal.Parse(((YamlScalarNode)n).Value!, CultureInfo.InvariantCulture) : 0m;
        var sizes = new Dictionary<string, SizeInfo>(StringComparer.Ordinal);
        foreach (var (sizeKey, sizeValue) in (YamlMappingNode)body["sizes"])
        {
            var s = (YamlMappingNode)sizeValue;
            string V(string k) => ((YamlScalarNode)s[k]).Value!;
            var sizeName = ((YamlScalarNode)sizeKey).Value!;
            sizes[sizeName] = new SizeInfo(
                sizeName,
                V("arch"),
                int.Parse(V("vcpus"), CultureInfo.InvariantCulture),
                double.Parse(V("memory_gb"), CultureInfo.InvariantCulture),
                decimal.Parse(V("hourly"), CultureInfo.InvariantCulture),
                decimal.Parse(V("monthly"), CultureInfo.InvariantCulture))
            {
                Regions = s.Children.TryGetValue("regions", out var r) ? Strings(r) : null,
                ReplacedBy = s.Children.TryGetValue("replaced_by", out var b) ? ((YamlScalarNode)b).Value : null,
            };
        }
        var removed = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.Children.TryGetValue("removed", out var removedNode))
        {
            foreach (var (k, v) in (YamlMappingNode)removedNode) removed[((YamlScalarNode)k).Value!] = ((YamlScalarNode)v).Value!;
        }
        return new ProviderInfo(name, S("default_region"), S("default_size"), S("default_image"),
            S("currency"), S("as_of"), S("source"), Strings(body["regions"]), sizes)
        {
            Ipv4Hourly = Money("ipv4_hourly"),
            Ipv4Monthly = Money("ipv4_monthly"),
            Removed = removed,
        };
    }

    private static List<string> Strings(YamlNode node) => ((YamlSequenceNode)node).Children.Select(n => ((YamlScalarNode)n).Value!).ToList();
}
