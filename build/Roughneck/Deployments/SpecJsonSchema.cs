using System.Text.Json;
using System.Text.Json.Nodes;

namespace Roughneck.Deployments;

/// <summary>
/// The JSON Schema of deployment.yaml (docs/deployment.schema.json), generated from the same
/// keys, choices, features, regions and sizes the validator checks, so that editors complete
/// and check a spec as it is typed. A unit test keeps the committed file equal to this output.
/// </summary>
public static class SpecJsonSchema
{
    public const string RepoPath = "docs/deployment.schema.json";

    public static string Generate(SpecSchema schema, ProviderCatalog catalog)
    {
        var properties = new JsonObject();
        foreach (var key in schema.Keys)
        {
            var parts = key.Path.Split('.');
            var target = properties;
            if (parts.Length == 2)
            {
                if (target[parts[0]] is not JsonObject section)
                {
                    section = new JsonObject
                    {
                        ["type"] = "object",
                        ["description"] = SectionDescription(parts[0]),
                        ["additionalProperties"] = false,
                        ["properties"] = new JsonObject(),
                    };
                    target[parts[0]] = section;
                }
                target = (JsonObject)section["properties"]!;
            }
            target[parts[^1]] = KeySchema(key, catalog);
        }

        var root = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["title"] = "Roughneck deployment spec (deployments/<name>/deployment.yaml)",
            ["description"] = "Generated from build/Roughneck/Deployments/SpecSchema.cs, terraform/catalog.yml and ansible/features.yml; do not edit by hand.",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = properties,
            ["allOf"] = new JsonArray(catalog.Providers.Values.OrderBy(p => SpecChoices.Providers.ToList().IndexOf(p.Name)).Select(ProviderRule).ToArray<JsonNode?>()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static JsonObject KeySchema(SpecKey key, ProviderCatalog catalog)
    {
        var node = new JsonObject { ["description"] = $"{key.Description} Default: {key.DefaultText}." };
        var choices = key.Path switch
        {
            "region" or "fallback.regions" => catalog.Providers.Values.SelectMany(p => p.Regions).Distinct().ToList(),
            "size" or "fallback.sizes" => catalog.Providers.Values.SelectMany(p => p.Sizes.Keys).Distinct().ToList(),
            _ => SpecChoices.For(key.Path),
        };
        switch (key.Type)
        {
            case SpecValueType.String:
                node["type"] = "string";
                if (choices is not null) node["enum"] = Array(choices);
                if (key.Path == "name") node["pattern"] = SpecLoader.NamePattern().ToString();
                break;
            case SpecValueType.Integer:
                node["type"] = "integer";
                if (key.Path == "ssh.port")
                {
                    node["minimum"] = 1;
                    node["maximum"] = 65535;
                }
                break;
            case SpecValueType.Boolean:
                node["type"] = "boolean";
                if (key.DefaultText is "true" or "false") node["default"] = key.DefaultText == "true";
                break;
            case SpecValueType.StringList:
                node["type"] = "array";
                node["items"] = choices is null ? new JsonObject { ["type"] = "string" } : new JsonObject { ["type"] = "string", ["enum"] = Array(choices) };
                break;
            case SpecValueType.StringMap:
                node["type"] = "object";
                node["additionalProperties"] = new JsonObject { ["type"] = "string" };
                break;
            case SpecValueType.AnyMap:
                node["type"] = "object";
                break;
        }
        return node;
    }

    /// <summary>Regions and sizes narrowed to the chosen provider (no provider means local).</summary>
    private static JsonObject ProviderRule(ProviderInfo provider)
    {
        var condition = new JsonObject
        {
            ["properties"] = new JsonObject { ["provider"] = new JsonObject { ["const"] = provider.Name } },
        };
        if (provider.Name != "local") condition["required"] = new JsonArray("provider");
        var regions = Array(provider.Regions);
        var sizes = Array(provider.Sizes.Keys);
        return new JsonObject
        {
            ["if"] = condition,
            ["then"] = new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["region"] = new JsonObject { ["enum"] = regions },
                    ["size"] = new JsonObject { ["enum"] = sizes },
                    ["fallback"] = new JsonObject
                    {
                        ["properties"] = new JsonObject
                        {
                            ["regions"] = new JsonObject { ["items"] = new JsonObject { ["enum"] = regions.DeepClone() } },
                            ["sizes"] = new JsonObject { ["items"] = new JsonObject { ["enum"] = sizes.DeepClone() } },
                        },
                    },
                },
            },
        };
    }

    private static string SectionDescription(string section) => section switch
    {
        "fallback" => "Hetzner capacity fallback: other sizes and regions to try, in order.",
        "ssh" => "Who logs in, on which port, and from where.",
        "features" => "Roles to turn on or off (ansible/features.yml).",
        "docker" => "Docker options.",
        "tls" => "Caddy in front of code-server, with features.tls.",
        "network" => "Proxy, download mirror and extra trusted CAs for the machine.",
        "state" => "Where Terraform keeps this deployment's state.",
        "terraform" => "The Terraform binary and its lock timeout.",
        "ansible" => "Extra Ansible variables.",
        _ => section,
    };

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
