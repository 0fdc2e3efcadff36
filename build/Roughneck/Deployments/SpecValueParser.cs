using System.Globalization;

namespace Roughneck.Deployments;

/// <summary>Turns text (from YAML, an environment variable or an argument) into a typed value.</summary>
public static class SpecValueParser
{
    public static object? ParseScalar(SpecKey key, string text, bool quoted, out string? error)
    {
        error = null;
        switch (key.Type)
        {
            case SpecValueType.String:
                return text;
            case SpecValueType.Integer:
                if (!quoted && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    return number;
                }
                error = $"expected a whole number, found '{text}'";
                return null;
            case SpecValueType.Boolean:
                if (!quoted && text is "true" or "false")
                {
                    return text == "true";
                }
                var hint = text.ToLowerInvariant() switch
                {
                    "yes" or "on" or "y" or "1" or "\"true\"" or "true" => "; write true",
                    "no" or "off" or "n" or "0" or "\"false\"" or "false" => "; write false",
                    _ => "",
                };
                error = $"expected true or false, found '{text}'{hint}";
                return null;
            case SpecValueType.StringList:
                return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            default:
                error = "can only be set in deployment.yaml";
                return null;
        }
    }
}
