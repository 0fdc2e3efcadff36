using YamlDotNet.RepresentationModel;

namespace Roughneck.Health;

/// <summary>
/// One Validate check a role ships in roles/&lt;role&gt;/checks.yml. <see cref="TimeoutSeconds"/>
/// (optional key <c>timeout</c>) overrides the default limit for a check that is slow by nature
/// (gt doctor runs some 90 checks of its own).
/// </summary>
public sealed record CheckDefinition(string Role, string Name, string Run, string Fix, int? TimeoutSeconds = null)
{
    /// <summary>The longest limit a check may ask for: Validate as a whole must stay short.</summary>
    public const int MaxTimeoutSeconds = 300;

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
                var timeoutText = Field("timeout", false);
                int? timeout = null;
                if (timeoutText.Length > 0)
                {
                    timeout = int.TryParse(timeoutText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var t) && t is > 0 and <= MaxTimeoutSeconds
                        ? t
                        : throw new FormatException($"{file}:{item.Start.Line}: 'timeout' must be a whole number of seconds from 1 to {MaxTimeoutSeconds}, not '{timeoutText}'");
                }
                checks.Add(new CheckDefinition(role, Field("name", true), Field("run", true), Field("fix", false), timeout));
            }
        }
        return checks;
    }
}
