using Roughneck.Deployments;

namespace Roughneck.Fleet;

/// <summary>
/// Which deployments a run is about: names and globs from --deployment (comma-separated), or
/// --all, narrowed by --tags=key:value (every pair must match). Pure: it is given the names
/// that exist and a way to read a deployment's tags.
/// </summary>
public static class DeploymentSelection
{
    public static IReadOnlyList<string> Resolve(
        string deploymentArgument,
        FleetOptions options,
        IReadOnlyList<string> existing,
        Func<string, IReadOnlyDictionary<string, string>> tagsOf,
        bool allWhenNothingGiven = false)
    {
        var problems = new List<SpecProblem>();
        IEnumerable<string> chosen;
        if (options.All || (allWhenNothingGiven && !options.DeploymentGiven) || (options.Tags.Count > 0 && !options.DeploymentGiven))
        {
            chosen = existing;
        }
        else
        {
            var picked = new List<string>();
            foreach (var item in deploymentArgument.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Glob.IsPattern(item))
                {
                    var matches = existing.Where(n => Glob.Matches(item, n)).ToList();
                    if (matches.Count == 0)
                    {
                        problems.Add(new SpecProblem("argument --deployment", 0, "deployment", $"'{item}' matches no deployment in deployments/"));
                    }
                    picked.AddRange(matches);
                }
                else if (existing.Contains(item))
                {
                    picked.Add(item);
                }
                else
                {
                    problems.Add(new SpecProblem("argument --deployment", 0, "deployment",
                        $"no deployment named '{item}' (no deployments/{item}/deployment.yaml)", NearestName.Find(item, existing)));
                }
            }
            if (picked.Count == 0 && problems.Count == 0)
            {
                problems.Add(new SpecProblem("argument --deployment", 0, "deployment", "names no deployment"));
            }
            chosen = picked.Distinct();
        }
        if (problems.Count > 0) throw new SpecException(problems);

        var result = chosen
            .Where(name => options.Tags.All(tag => tagsOf(name).TryGetValue(tag.Key, out var value) && value == tag.Value))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (result.Count == 0 && options.Tags.Count > 0 && !allWhenNothingGiven)
        {
            throw new SpecException(new SpecProblem("argument --tags", 0, "tags",
                $"no selected deployment has the tags {string.Join(", ", options.Tags.Select(t => t.Key + ":" + t.Value))}"));
        }
        return result;
    }
}
