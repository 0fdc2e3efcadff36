using Roughneck.Credentials;
using Roughneck.Deployments;

namespace Roughneck.Targets;

/// <summary>The command-line arguments Cake hands over, checked against everything Roughneck knows.</summary>
public sealed record RoughneckArguments(
    string Target,
    string Deployment,
    bool Print,
    bool Json,
    bool Check,
    IReadOnlyList<string> Only,
    IReadOnlyDictionary<string, string> SpecOverrides)
{
    public const string DefaultDeployment = "local-demo";
    public static readonly IReadOnlyList<string> UpdateParts = new[] { "apt", "ai_clis", "dev_tools" };

    private static readonly string[] Known = new[] { "target", "deployment", "print", "json", "check", "only", "list", "set", "remove", "fast", "migrate-state", "refresh", "live", "port" }
        .Concat(Roughneck.Fleet.FleetOptions.ArgumentNames).ToArray();

    /// <summary>Test --fast: the unit tests and the static checks only.</summary>
    public bool Fast { get; init; }

    /// <summary>Catalog: rewrite terraform/catalog.yml from the APIs and the Terraform lists from it.</summary>
    public bool Refresh { get; init; }

    /// <summary>True when --deployment was given (New needs a name and takes no default).</summary>
    public bool DeploymentGiven { get; init; }

    /// <summary>List --live: probe every machine over SSH.</summary>
    public bool Live { get; init; }

    /// <summary>Tunnel --port: the local port (0 = the first free one from 10080).</summary>
    public int Port { get; init; }

    /// <summary>The Credentials target's action: --list, --set=NAME, --remove=NAME.</summary>
    public CredentialCommand Credentials { get; init; } = CredentialCommand.None;

    /// <summary>Many deployments per run: --all, --tags, --parallel, --fail-fast; --force (Destroy without asking).</summary>
    public Roughneck.Fleet.FleetOptions Fleet { get; init; } = Roughneck.Fleet.FleetOptions.Default;

    /// <summary>--migrate-state: Init copies the state from the previous backend (terraform init -migrate-state).</summary>
    public bool MigrateState { get; init; }

    // Cake consumes its own options before we see the arguments; they only serve as suggestions.
    private static readonly string[] CakeOptions = { "dryrun", "tree", "description", "verbosity", "exclusive" };

    public static RoughneckArguments Parse(IReadOnlyDictionary<string, string> arguments, SpecSchema schema)
    {
        var problems = new List<SpecProblem>();
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        var specNames = schema.Keys.Where(k => k.Overridable).Select(k => k.ArgumentName).ToList();
        foreach (var (name, value) in arguments)
        {
            if (Known.Contains(name)) continue;
            var key = schema.FindByNormalized(name);
            if (key is not null && name == key.ArgumentName)
            {
                overrides[name] = value;
                continue;
            }
            var suggestion = NearestName.Find(name, Known.Concat(CakeOptions).Concat(specNames));
            problems.Add(new SpecProblem($"argument --{name}", 0, name, "is not a Roughneck argument (run ./build.sh --target=Help for the list)",
                suggestion is null ? null : "--" + suggestion));
        }

        string Value(string name, string fallback) => arguments.TryGetValue(name, out var v) && v.Length > 0 ? v : fallback;
        bool Flag(string name)
        {
            if (!arguments.TryGetValue(name, out var v) || v is "" or "true") return arguments.ContainsKey(name);
            if (v == "false") return false;
            problems.Add(new SpecProblem($"argument --{name}", 0, name, $"expected true or false, found '{v}'"));
            return false;
        }

        var only = Value("only", string.Join(",", UpdateParts)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var part in only.Where(p => !UpdateParts.Contains(p)))
        {
            problems.Add(new SpecProblem("argument --only", 0, "only", $"'{part}' is not one of: {string.Join(", ", UpdateParts)}", NearestName.Find(part, UpdateParts)));
        }
        var target = Value("target", "Default");
        var port = 0;
        if (arguments.TryGetValue("port", out var portText)
            && (!int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            problems.Add(new SpecProblem("argument --port", 0, "port", $"expected a TCP port (1-65535), found '{portText}'"));
        }
        foreach (var (argument, owner) in new[] { ("port", "Tunnel"), ("live", "List") })
        {
            if (arguments.ContainsKey(argument) && target != owner)
            {
                problems.Add(new SpecProblem($"argument --{argument}", 0, argument, $"only the {owner} target takes --{argument}"));
            }
        }
        var credentials = CredentialCommand.From(arguments);
        if (Value("target", "Default") == "Credentials")
        {
            var given = CredentialCommand.ArgumentNames.FirstOrDefault(arguments.ContainsKey) ?? "list";
            if (credentials.Problem() is { } problem) problems.Add(new SpecProblem($"argument --{given}", 0, given, problem));
        }
        else if (CredentialCommand.ArgumentNames.FirstOrDefault(arguments.ContainsKey) is { } stray)
        {
            problems.Add(new SpecProblem($"argument --{stray}", 0, stray, "only the Credentials target takes --list, --set and --remove"));
        }
        if (arguments.ContainsKey("fast") && Value("target", "Default") != "Test")
        {
            problems.Add(new SpecProblem("argument --fast", 0, "fast", "only the Test target takes --fast"));
        }
        var parsed = new RoughneckArguments(
            Value("target", "Default"),
            Value("deployment", DefaultDeployment),
            Flag("print"),
            Flag("json"),
            Flag("check"),
            only,
            overrides) { Credentials = credentials, Fleet = Roughneck.Fleet.FleetOptions.Parse(arguments, problems), Fast = Flag("fast"), MigrateState = Flag("migrate-state"), Refresh = Flag("refresh"),
            DeploymentGiven = arguments.TryGetValue("deployment", out var deploymentText) && deploymentText.Length > 0,
            Live = Flag("live"),
            Port = port,
        };
        if (parsed.Refresh && parsed.Target != "Catalog")
        {
            problems.Add(new SpecProblem("argument --refresh", 0, "refresh", "only the Catalog target takes --refresh"));
        }
        if (problems.Count > 0) throw new SpecException(problems);
        return parsed;
    }
}
