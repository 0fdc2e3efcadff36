namespace Roughneck.Deployments;

/// <summary>One problem with an input: where it is, which key, what is wrong, what would be right.</summary>
public sealed record SpecProblem(string Source, int Line, string Key, string Message, string? Suggestion = null)
{
    public override string ToString()
    {
        var where = Line > 0 ? $"{Source}:{Line}" : Source;
        var keyPart = string.IsNullOrEmpty(Key) ? "" : $" key '{Key}':";
        var hint = Suggestion is null ? "" : $" (did you mean '{Suggestion}'?)";
        return $"{where}:{keyPart} {Message}{hint}";
    }
}

/// <summary>Thrown before anything is written or started when the inputs are not valid.</summary>
public sealed class SpecException : Exception
{
    public SpecException(IReadOnlyList<SpecProblem> problems)
        : base(string.Join(Environment.NewLine, problems.Select(p => p.ToString())))
    {
        Problems = problems;
    }

    public SpecException(SpecProblem problem) : this(new[] { problem }) { }

    public IReadOnlyList<SpecProblem> Problems { get; }
}
