using YamlDotNet.RepresentationModel;

namespace Roughneck.Deployments;

public sealed record Feature(string Name, string Role, bool Default, string Description, IReadOnlyList<string> Requires);

/// <summary>The features a spec may switch, read from ansible/features.yml (the single list).</summary>
public sealed class FeatureCatalog
{
    public FeatureCatalog(IReadOnlyList<Feature> features) => Features = features;

    public IReadOnlyList<Feature> Features { get; }

    public Feature? Find(string name) => Features.FirstOrDefault(f => f.Name == name);

    public static FeatureCatalog Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new SpecException(new SpecProblem(path, 0, "", "the feature list is missing; it ships with Roughneck (ansible/features.yml)"));
        }
        var stream = new YamlStream();
        using (var reader = File.OpenText(path)) stream.Load(reader);
        var features = new List<Feature>();
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new SpecException(new SpecProblem(path, 1, "", "expected a mapping of feature names"));
        }
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var name = ((YamlScalarNode)keyNode).Value!;
            if (valueNode is not YamlMappingNode body)
            {
                throw new SpecException(new SpecProblem(path, (int)keyNode.Start.Line, name, "expected role, default and description"));
            }
            string Scalar(string key, string fallback) =>
                body.Children.TryGetValue(new YamlScalarNode(key), out var n) && n is YamlScalarNode s ? s.Value ?? fallback : fallback;
            var requires = body.Children.TryGetValue(new YamlScalarNode("requires"), out var r) && r is YamlSequenceNode seq
                ? seq.Children.OfType<YamlScalarNode>().Select(x => x.Value!).ToList()
                : new List<string>();
            features.Add(new Feature(
                name,
                Scalar("role", name),
                Scalar("default", "false") == "true",
                Scalar("description", ""),
                requires));
        }
        return new FeatureCatalog(features);
    }
}
