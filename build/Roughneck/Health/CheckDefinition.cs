using YamlDotNet.RepresentationModel;

namespace Roughneck.Health;

/// <summary>One Validate check a role ships in roles/&lt;role&gt;/checks.yml.</summary>
public sealed record CheckDefinition(string Role, string Name, string Run, string Fix)
{
    /// <summary>Loads the checks of the given roles, in that order; a role without checks.yml has none.</summary>
    public static IReadOnlyList<CheckDefinition> Load(string rolesDir, IEnumerable<string> roles)
    {
        var checks = new List<CheckDefinition>();
        foreach (var role in roles)
        {
            var file = Path.Combine(rolesDir, role, "checks.yml");
            if (!File.Exists(file)) continue;
            var stream = new YamlStream();
            using (var reader = File.OpenText(file)) stream.Load(reader);
            if (stream.Documents.Count == 0) continue;
            if (stream.Documents[0].RootNode is not YamlSequenceNode list)
            {
                throw new FormatException($"{file}: expected a list of checks");
            }
            foreach (var item in list.Children.OfType<YamlMappingNode>())
            {
                string Field(string key, bool required)
                {
                    if (item.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Value: { } v })
                    {
                        return v;
                    }
                    return required
                        ? throw new FormatException($"{file}:{item.Start.Line}: a check needs '{key}'")
                        : "";
                }
                checks.Add(new CheckDefinition(role, Field("name", true), Field("run", true), Field("fix", false)));
            }
        }
        return checks;
    }
}
