namespace Roughneck.Deployments;

/// <summary>A value before validation, with where it came from.</summary>
public sealed record RawValue(object? Value, string Source, int Line)
{
    /// <summary>For a list written in a file: the line of each item (block lists have one per line).</summary>
    public IReadOnlyList<int>? ItemLines { get; init; }

    public string Origin => Line > 0 ? $"{Source}:{Line}" : Source;
}
