using Roughneck.Deployments;
using Roughneck.Targets;

namespace Roughneck.Fleet;

/// <summary>
/// Loads and validates the spec of every deployment a selection names, before anything runs:
/// one invalid spec stops the whole run with every problem listed, and nothing is written.
/// </summary>
public static class FleetSpecs
{
    public static IReadOnlyList<DeploymentSpec> Load(SpecLoader loader, string deploymentsDir, RoughneckArguments arguments,
        IReadOnlyDictionary<string, string> environment)
    {
        var existing = DeploymentDirectory.Names(deploymentsDir);
        var specs = new Dictionary<string, DeploymentSpec>(StringComparer.Ordinal);
        var problems = new List<SpecProblem>();
        DeploymentSpec? SpecOf(string name)
        {
            if (specs.TryGetValue(name, out var known)) return known;
            try
            {
                return specs[name] = loader.Load(name, environment, arguments.SpecOverrides);
            }
            catch (SpecException e)
            {
                if (!problems.Any(p => p.Source == e.Problems[0].Source)) problems.AddRange(e.Problems);
                return null;
            }
        }

        var names = DeploymentSelection.Resolve(arguments.Deployment, arguments.Fleet, existing,
            name => SpecOf(name)?.Tags ?? new Dictionary<string, string>(),
            allWhenNothingGiven: arguments.Target == MatrixStep.TargetName);
        foreach (var name in names) SpecOf(name);
        if (problems.Count > 0) throw new SpecException(problems);
        return names.Select(n => specs[n]).ToList();
    }
}
