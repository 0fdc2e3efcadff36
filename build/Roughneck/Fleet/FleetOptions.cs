using System.Globalization;
using Roughneck.Deployments;

namespace Roughneck.Fleet;

/// <summary>
/// The command-line options of a run over many deployments: which ones (--all, --tags, and the
/// --deployment list itself), how many at once (--parallel), whether one failure stops the rest
/// (--fail-fast), and --force (Destroy without asking).
/// </summary>
public sealed record FleetOptions(
    bool All,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    int Parallel,
    bool FailFast,
    bool Force,
    bool DeploymentGiven)
{
    public const int MaxDefaultParallel = 4;
    public const int MaxParallel = 16;
    public static readonly IReadOnlyList<string> ArgumentNames = new[] { "all", "tags", "parallel", "fail-fast", "force" };

    public static FleetOptions Default { get; } = new(false, Array.Empty<KeyValuePair<string, string>>(), DefaultParallel, false, false, false);

    /// <summary>The core count, at most 4.</summary>
    public static int DefaultParallel => Math.Clamp(Environment.ProcessorCount, 1, MaxDefaultParallel);

    /// <summary>More than one deployment may be meant: --all, --tags, a list or a glob in --deployment.</summary>
    public static bool SelectsMany(string deploymentArgument, bool all, bool tags) =>
        all || tags || deploymentArgument.IndexOfAny(new[] { ',', '*', '?', '[' }) >= 0;

    public bool SelectsMany(string deploymentArgument) => SelectsMany(deploymentArgument, All, Tags.Count > 0);

    public static FleetOptions Parse(IReadOnlyDictionary<string, string> arguments, List<SpecProblem> problems)
    {
        bool Flag(string name)
        {
            if (!arguments.TryGetValue(name, out var v)) return false;
            if (v is "" or "true") return true;
            if (v == "false") return false;
            problems.Add(new SpecProblem($"argument --{name}", 0, name, $"expected true or false, found '{v}'"));
            return false;
        }

        var tags = new List<KeyValuePair<string, string>>();
        if (arguments.TryGetValue("tags", out var tagText))
        {
            foreach (var pair in tagText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0 || colon == pair.Length - 1)
                {
                    problems.Add(new SpecProblem("argument --tags", 0, "tags", $"'{pair}' is not key:value (e.g. --tags=team:agents)"));
                    continue;
                }
                tags.Add(new KeyValuePair<string, string>(pair[..colon], pair[(colon + 1)..]));
            }
            if (tags.Count == 0 && !problems.Any(p => p.Key == "tags"))
            {
                problems.Add(new SpecProblem("argument --tags", 0, "tags", "needs at least one key:value (e.g. --tags=team:agents)"));
            }
        }

        var parallel = DefaultParallel;
        if (arguments.TryGetValue("parallel", out var parallelText))
        {
            if (!int.TryParse(parallelText, NumberStyles.None, CultureInfo.InvariantCulture, out parallel) || parallel < 1 || parallel > MaxParallel)
            {
                problems.Add(new SpecProblem("argument --parallel", 0, "parallel", $"expected a whole number from 1 to {MaxParallel}, found '{parallelText}'"));
                parallel = DefaultParallel;
            }
        }

        var all = Flag("all");
        var deploymentGiven = arguments.TryGetValue("deployment", out var deployment) && deployment.Length > 0;
        if (all && deploymentGiven)
        {
            problems.Add(new SpecProblem("argument --all", 0, "all", "--all and --deployment exclude each other; give one (--tags narrows either)"));
        }
        return new FleetOptions(all, tags, parallel, Flag("fail-fast"), Flag("force"), deploymentGiven);
    }
}
