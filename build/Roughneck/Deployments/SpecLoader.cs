using System.Text.RegularExpressions;

namespace Roughneck.Deployments;

/// <summary>
/// Gathers a deployment's settings once: command line, then ROUGHNECK_* environment,
/// then deployment.yaml, then defaults; validates them; returns the immutable spec.
/// Reads only. Nothing is written or started here.
/// </summary>
public sealed partial class SpecLoader
{
    private readonly SpecSchema _schema;
    private readonly ProviderCatalog _providers;
    private readonly string _deploymentsDir;

    public SpecLoader(SpecSchema schema, ProviderCatalog providers, string deploymentsDir)
    {
        _schema = schema;
        _providers = providers;
        _deploymentsDir = deploymentsDir;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$")]
    public static partial Regex NamePattern();

    public DeploymentSpec Load(
        string name,
        IReadOnlyDictionary<string, string> environment,
        IReadOnlyDictionary<string, string> overrides)
    {
        CheckName(name, "argument --deployment");
        var file = Path.Combine(_deploymentsDir, name, "deployment.yaml");
        var display = Path.GetRelativePath(Directory.GetCurrentDirectory(), file);
        if (!File.Exists(file))
        {
            var known = DeploymentDirectory.Names(_deploymentsDir);
            var suggestion = NearestName.Find(name, known);
            var list = known.Count == 0 ? "there are none yet" : "known: " + string.Join(", ", known);
            throw new SpecException(new SpecProblem(display, 0, "deployment",
                $"no deployment '{name}': the file does not exist ({list})", suggestion));
        }
        return LoadText(name, display, File.ReadAllText(file), environment, overrides, Path.GetDirectoryName(file));
    }

    public DeploymentSpec LoadText(
        string name,
        string source,
        string yaml,
        IReadOnlyDictionary<string, string> environment,
        IReadOnlyDictionary<string, string> overrides,
        string? folder = null)
    {
        var (values, problems) = SpecYamlReader.Read(_schema, source, yaml);
        var merged = new Dictionary<string, RawValue>(values, StringComparer.Ordinal);
        var allProblems = new List<SpecProblem>(problems);
        ApplyEnvironment(environment, merged, allProblems);
        ApplyOverrides(overrides, merged, allProblems);
        if (allProblems.Count > 0)
        {
            throw new SpecException(allProblems);
        }
        var spec = SpecBuilder.Build(name, source, merged, _schema, _providers);
        var semantic = new SpecValidator(_schema, _providers, source, name, folder).Validate(spec, merged);
        if (semantic.Count > 0)
        {
            throw new SpecException(semantic);
        }
        return spec;
    }

    public static void CheckName(string name, string source)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new SpecException(new SpecProblem(source, 0, "name",
                $"'{name}' is not a valid deployment name: use lower-case letters, digits and hyphens, start with a letter, at most 32 characters"));
        }
    }

    private void ApplyEnvironment(IReadOnlyDictionary<string, string> environment, Dictionary<string, RawValue> merged, List<SpecProblem> problems)
    {
        var byVariable = _schema.Keys.Where(k => k.Overridable).ToDictionary(k => k.EnvironmentVariable, StringComparer.Ordinal);
        foreach (var (variable, text) in environment.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!variable.StartsWith("ROUGHNECK_", StringComparison.Ordinal) || ToolEnvironment.IsToolVariable(variable))
            {
                continue;
            }
            var source = $"environment {variable}";
            if (!byVariable.TryGetValue(variable, out var key))
            {
                const string prefix = "ROUGHNECK_";
                var known = byVariable.Keys.Concat(ToolEnvironment.Known).Select(k => k[prefix.Length..]);
                var suggestion = NearestName.Find(variable[prefix.Length..], known);
                var mapOnly = _schema.Keys.FirstOrDefault(k => !k.Overridable && k.EnvironmentVariable == variable);
                problems.Add(mapOnly is not null
                    ? new SpecProblem(source, 0, variable, $"{mapOnly.Path} can only be set in deployment.yaml")
                    : new SpecProblem(source, 0, variable, "is not a Roughneck setting", suggestion is null ? null : prefix + suggestion));
                continue;
            }
            Set(key, text, source, merged, problems);
        }
    }

    private void ApplyOverrides(IReadOnlyDictionary<string, string> overrides, Dictionary<string, RawValue> merged, List<SpecProblem> problems)
    {
        foreach (var (argument, text) in overrides)
        {
            var key = _schema.FindByNormalized(argument)
                ?? throw new InvalidOperationException($"argument --{argument} is not a spec key (the argument parser should have refused it)");
            Set(key, text, $"argument --{key.ArgumentName}", merged, problems);
        }
    }

    private static void Set(SpecKey key, string text, string source, Dictionary<string, RawValue> merged, List<SpecProblem> problems)
    {
        var value = SpecValueParser.ParseScalar(key, text, quoted: false, out var error);
        if (error is not null)
        {
            problems.Add(new SpecProblem(source, 0, key.Path, error));
            return;
        }
        merged[key.Path] = new RawValue(value, source, 0);
    }
}
