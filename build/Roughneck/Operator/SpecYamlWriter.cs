using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Roughneck.Deployments;

namespace Roughneck.Operator;

/// <summary>
/// Writes a deployment.yaml from chosen values (dotted path -> string, bool, int, list or map),
/// in the schema's order, with a comment per section, naming the JSON Schema for editors.
/// </summary>
public static partial class SpecYamlWriter
{
    /// <summary>The line that points editors at the JSON Schema, relative to the spec's folder.</summary>
    public static string SchemaLine(string relativeSchemaPath) =>
        "# yaml-language-server: $schema=" + relativeSchemaPath.Replace('\\', '/');

    // Sections in the order a reader looks for them; keys keep the schema's order inside a section.
    private static readonly string[] SectionOrder =
        { "", "fallback", "ssh", "features", "ai_clis", "docker", "tls", "network", "state", "terraform", "tags", "ansible" };

    private static int Rank(SpecKey key)
    {
        var dot = key.Path.IndexOf('.');
        var index = Array.IndexOf(SectionOrder, dot < 0 ? (key.Type is SpecValueType.String ? "" : key.Path) : key.Path[..dot]);
        return index < 0 ? SectionOrder.Length : index;
    }

    public static string Write(SpecSchema schema, string name, IReadOnlyDictionary<string, object> values, string heading, string relativeSchemaPath)
    {
        var text = new StringBuilder();
        text.AppendLine(SchemaLine(relativeSchemaPath));
        foreach (var line in heading.Split('\n')) text.AppendLine("# " + line);
        text.AppendLine($"#   ./build.sh --target=Plan --deployment={name}");
        string? openSection = null;
        foreach (var key in schema.Keys.Where(k => values.ContainsKey(k.Path)).OrderBy(Rank))
        {
            var dot = key.Path.IndexOf('.');
            var section = dot < 0 ? null : key.Path[..dot];
            if (section != openSection)
            {
                text.AppendLine();
                text.AppendLine("# " + (section is null ? key.Description : SectionComment(section)));
                if (section is not null) text.AppendLine(section + ":");
                openSection = section;
            }
            else if (section is null)
            {
                text.AppendLine("# " + key.Description);
            }
            var indent = section is null ? "" : "  ";
            var leaf = section is null ? key.Path : key.Path[(dot + 1)..];
            var value = values[key.Path];
            if (value is IReadOnlyDictionary<string, string> map)
            {
                text.AppendLine(map.Count == 0 ? $"{indent}{leaf}: {{}}" : $"{indent}{leaf}:");
                foreach (var (k, v) in map) text.AppendLine($"{indent}  {Scalar(k)}: {Scalar(v)}");
            }
            else
            {
                text.AppendLine($"{indent}{leaf}: {Value(value)}");
            }
        }
        return text.ToString();
    }

    private static string SectionComment(string section) => section switch
    {
        "fallback" => "Hetzner capacity fallback: tried in order when the size or region has no capacity.",
        "ssh" => "Who logs in and from where. Allowing everyone means writing 0.0.0.0/0 and ::/0 out.",
        "features" => "Roles on the machine (ansible/features.yml). Change one and run Deploy again.",
        "docker" => "Docker options.",
        "tls" => "Caddy with TLS in front of code-server (features.tls).",
        "network" => "Proxy, download mirror and extra trusted CAs for the machine.",
        "state" => "Where Terraform keeps this deployment's state (s3 or pg for runs from CI).",
        "terraform" => "The Terraform binary and its state-lock timeout.",
        "ansible" => "Extra non-secret Ansible variables.",
        _ => section,
    };

    private static string Value(object value) => value switch
    {
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        IEnumerable<string> list => "[" + string.Join(", ", list.Select(Scalar)) + "]",
        _ => Scalar(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    /// <summary>Plain when YAML reads it back as the same string, double-quoted otherwise.</summary>
    public static string Scalar(string text)
    {
        if (PlainSafe().IsMatch(text) && !Reserved.Contains(text.ToLowerInvariant()) && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return text;
        }
        var escaped = new StringBuilder("\"");
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return escaped.Append('"').ToString();
    }

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "",
    };

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_./@+-]*$")]
    private static partial Regex PlainSafe();
}
