using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Roughneck.Deployments;

/// <summary>
/// Reads deployment.yaml into raw values keyed by dotted path, checking every key and type
/// against the schema and remembering the line of each value.
/// </summary>
public sealed class SpecYamlReader
{
    private readonly SpecSchema _schema;
    private readonly string _source;
    private readonly List<SpecProblem> _problems = new();
    private readonly Dictionary<string, RawValue> _values = new(StringComparer.Ordinal);

    private SpecYamlReader(SpecSchema schema, string source)
    {
        _schema = schema;
        _source = source;
    }

    public static (IReadOnlyDictionary<string, RawValue> Values, IReadOnlyList<SpecProblem> Problems) Read(
        SpecSchema schema, string source, string text)
    {
        var reader = new SpecYamlReader(schema, source);
        reader.ReadDocument(text);
        return (reader._values, reader._problems);
    }

    private void ReadDocument(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            var line = (int)e.Start.Line;
            if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && LineIndentedWithTab(text) is { } tabLine)
            {
                // YamlDotNet places tab errors at the start of the block, not on the tab.
                line = tabLine;
                message = "a tab is used for indentation; YAML indents with spaces";
            }
            _problems.Add(new SpecProblem(_source, line, "", $"not valid YAML: {Trim(message)}"));
            return;
        }
        catch (InvalidOperationException e)
        {
            // Some malformed flow collections surface from YamlDotNet as InvalidOperationException.
            _problems.Add(new SpecProblem(_source, 0, "", $"not valid YAML: {Trim(e.Message)}"));
            return;
        }

        if (stream.Documents.Count == 0)
        {
            _problems.Add(new SpecProblem(_source, 1, "", "the file is empty; it needs at least 'provider:'"));
            return;
        }
        if (stream.Documents.Count > 1)
        {
            _problems.Add(new SpecProblem(_source, (int)stream.Documents[1].RootNode.Start.Line, "", "only one YAML document is allowed"));
            return;
        }
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            _problems.Add(new SpecProblem(_source, (int)stream.Documents[0].RootNode.Start.Line, "", "expected a mapping of keys (key: value)"));
            return;
        }
        ReadMapping(root, prefix: "");
    }

    private static int? LineIndentedWithTab(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            if (lines[i][..indent].Contains('\t')) return i + 1;
        }
        return null;
    }

    private static string Trim(string message)
    {
        var index = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return index > 0 ? message[..index] : message;
    }

    private void ReadMapping(YamlMappingNode mapping, string prefix)
    {
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var line = (int)keyNode.Start.Line;
            if (keyNode is not YamlScalarNode { Value: { } name })
            {
                _problems.Add(new SpecProblem(_source, line, prefix.TrimEnd('.'), "keys must be plain names"));
                continue;
            }
            var path = prefix + name;

            var key = _schema.Find(path);
            if (key is not null)
            {
                ReadValue(key, valueNode);
            }
            else if (prefix.Length == 0 && _schema.Sections.Contains(name))
            {
                if (valueNode is YamlMappingNode section)
                {
                    ReadMapping(section, name + ".");
                }
                else if (!IsNull(valueNode))
                {
                    _problems.Add(new SpecProblem(_source, line, path, $"expected a mapping of {string.Join(", ", _schema.ChildrenOf(name))}"));
                }
            }
            else
            {
                var candidates = prefix.Length == 0
                    ? _schema.TopLevelNames
                    : _schema.ChildrenOf(prefix.TrimEnd('.'));
                var suggestion = NearestName.Find(name, candidates);
                var valid = prefix.Length == 0 ? "" : $"; valid keys under '{prefix.TrimEnd('.')}': {string.Join(", ", candidates)}";
                _problems.Add(new SpecProblem(_source, line, path, $"unknown key{valid}", suggestion is null ? null : prefix + suggestion));
            }
        }
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain } s && (s.Value is null or "" or "~" or "null");

    private void ReadValue(SpecKey key, YamlNode node)
    {
        var valueLine = (int)node.Start.Line;
        if (IsNull(node))
        {
            return; // an empty value keeps the default
        }
        switch (key.Type)
        {
            case SpecValueType.String or SpecValueType.Integer or SpecValueType.Boolean:
                if (node is not YamlScalarNode scalar)
                {
                    _problems.Add(new SpecProblem(_source, valueLine, key.Path, $"expected a single {TypeName(key.Type)}, found a {NodeKind(node)}"));
                    return;
                }
                var converted = SpecValueParser.ParseScalar(key, scalar.Value ?? "", quoted: scalar.Style != ScalarStyle.Plain, out var error);
                if (error is not null)
                {
                    _problems.Add(new SpecProblem(_source, valueLine, key.Path, error));
                    return;
                }
                _values[key.Path] = new RawValue(converted, _source, valueLine);
                return;

            case SpecValueType.StringList:
                if (node is not YamlSequenceNode sequence)
                {
                    _problems.Add(new SpecProblem(_source, valueLine, key.Path, $"expected a list (- item or [a, b]), found a {NodeKind(node)}"));
                    return;
                }
                var items = new List<string>();
                var itemLines = new List<int>();
                foreach (var item in sequence.Children)
                {
                    if (item is not YamlScalarNode { Value: { } text })
                    {
                        _problems.Add(new SpecProblem(_source, (int)item.Start.Line, key.Path, "list items must be plain strings"));
                        return;
                    }
                    items.Add(text);
                    itemLines.Add((int)item.Start.Line);
                }
                _values[key.Path] = new RawValue(items, _source, valueLine) { ItemLines = itemLines };
                return;

            case SpecValueType.StringMap:
                if (node is not YamlMappingNode map)
                {
                    _problems.Add(new SpecProblem(_source, valueLine, key.Path, $"expected a mapping (name: value), found a {NodeKind(node)}"));
                    return;
                }
                var dict = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (k, v) in map.Children)
                {
                    if (k is not YamlScalarNode { Value: { } kn } || v is not YamlScalarNode { Value: { } vv })
                    {
                        _problems.Add(new SpecProblem(_source, (int)k.Start.Line, key.Path, "entries must be 'name: value' strings"));
                        return;
                    }
                    dict[kn] = vv;
                }
                _values[key.Path] = new RawValue(dict, _source, valueLine);
                return;

            case SpecValueType.AnyMap:
                if (node is not YamlMappingNode anyMap)
                {
                    _problems.Add(new SpecProblem(_source, valueLine, key.Path, $"expected a mapping, found a {NodeKind(node)}"));
                    return;
                }
                _values[key.Path] = new RawValue(YamlToObject.Convert(anyMap), _source, valueLine);
                return;
        }
    }

    private static string TypeName(SpecValueType type) => type switch
    {
        SpecValueType.Integer => "number",
        SpecValueType.Boolean => "true or false",
        _ => "string",
    };

    private static string NodeKind(YamlNode node) => node switch
    {
        YamlSequenceNode => "list",
        YamlMappingNode => "mapping",
        _ => "value",
    };
}
