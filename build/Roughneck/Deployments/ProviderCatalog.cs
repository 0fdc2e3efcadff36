using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Roughneck.Deployments;

public sealed record SizeInfo(string Name, string Arch, int Vcpus, double MemoryGb, decimal Hourly, decimal Monthly);

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
            var body = (YamlMappingNode)value;
            string S(string k) => ((YamlScalarNode)body[k]).Value!;
            var regions = ((YamlSequenceNode)body["regions"]).Children.Select(n => ((YamlScalarNode)n).Value!).ToList();
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
                    decimal.Parse(V("monthly"), CultureInfo.InvariantCulture));
            }
            providers[name] = new ProviderInfo(name, S("default_region"), S("default_size"), S("default_image"),
                S("currency"), S("as_of"), S("source"), regions, sizes);
        }
        return new ProviderCatalog(providers);
    }
}
