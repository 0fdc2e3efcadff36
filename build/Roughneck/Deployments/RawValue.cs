namespace Roughneck.Deployments;

/// <summary>A value before validation, with where it came from.</summary>
public sealed record RawValue(object? Value, string Source, int Line)
{
    public string Origin => Line > 0 ? $"{Source}:{Line}" : Source;
}
