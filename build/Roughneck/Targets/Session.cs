using System.Collections;
using System.Globalization;
using Roughneck.Deployments;
using Roughneck.Processes;
using Roughneck.Terraform;

namespace Roughneck.Targets;

/// <summary>
/// Everything a run knows, gathered once in Cake's Setup: arguments, environment, the validated
/// spec and its paths. Creating it reads files and writes nothing.
/// </summary>
public sealed class Session : IDisposable
{
    private static readonly string[] TargetsWithoutDeployment = { "List", "Test", "Help", "Default", "Credentials", "Catalog" };

    /// <summary>The spec settings the Catalog target reads as its own arguments (--provider, --region).</summary>
    private static readonly string[] CatalogArguments = { "provider", "region" };
    // New writes the spec and Edit repairs it: both read the file themselves instead of refusing to start.
    private static readonly string[] TargetsThatWriteTheSpec = { "New", "Edit" };
    private DeploymentLock? _lock;

    private Session(RepoPaths repo, RoughneckArguments arguments, IReadOnlyDictionary<string, string> environment,
        FeatureCatalog features, ProviderCatalog providers, DeploymentSpec? spec, IReadOnlyList<DeploymentSpec>? selection = null)
    {
        Selection = selection ?? (spec is null ? Array.Empty<DeploymentSpec>() : new[] { spec });
        Repo = repo;
        Arguments = arguments;
        Environment = environment;
        Features = features;
        Providers = providers;
        SpecOrNull = spec;
        Redactor = new Redactor();
        foreach (var (name, value) in environment)
        {
            if (Credentials.CloudCredentials.SecretNames.Contains(name) || name.StartsWith(ToolEnvironment.SecretPrefix, StringComparison.Ordinal))
            {
                Redactor.Add(value);
            }
            if (name == Ssh.LoginKey.EnvironmentVariable) Ssh.LoginKey.Redact(Redactor, value);
        }
        Log = new ConsoleLog(Redactor, verbose: environment.ContainsKey("ROUGHNECK_VERBOSE"));
        Processes = new ProcessRunner(Log, Redactor);
        CredentialStore = Credentials.AgeStore.FromEnvironment(environment, Redactor, Log); // opened only when needed
        Terraform = new TerraformRunner(Processes);
    }

    public RepoPaths Repo { get; }
    public RoughneckArguments Arguments { get; }
    public IReadOnlyDictionary<string, string> Environment { get; }
    public FeatureCatalog Features { get; }
    public ProviderCatalog Providers { get; }
    public Redactor Redactor { get; }
    public ILog Log { get; }
    public IProcessRunner Processes { get; }
    /// <summary>The local age-encrypted credential store (decrypted at most once per run).</summary>
    public Credentials.AgeStore CredentialStore { get; }
    public TerraformRunner Terraform { get; }
    private DeploymentSpec? SpecOrNull { get; }

    /// <summary>The validated specs of every deployment the run's selection names (Fleet, Matrix); the one spec otherwise.</summary>
    public IReadOnlyList<DeploymentSpec> Selection { get; }

    /// <summary>
    /// A session for one deployment of a run over many: same arguments, environment, redactor and
    /// credential store (decrypted at most once), its own spec, log and lock.
    /// </summary>
    public Session ForDeployment(DeploymentSpec spec, ILog log) => new(this, spec, log);

    private Session(Session parent, DeploymentSpec spec, ILog log)
    {
        Repo = parent.Repo;
        Arguments = parent.Arguments;
        Environment = parent.Environment;
        Features = parent.Features;
        Providers = parent.Providers;
        SpecOrNull = spec;
        Selection = new[] { spec };
        Redactor = parent.Redactor;
        Log = log;
        Processes = new ProcessRunner(Log, Redactor);
        CredentialStore = parent.CredentialStore;
        Terraform = new TerraformRunner(Processes);
    }

    public DeploymentSpec Spec => SpecOrNull ?? throw new InvalidOperationException("this target needs --deployment");
    public DeploymentPaths Paths => DeploymentPaths.For(Repo, Spec.Name);

    /// <summary>
    /// The exit code a failed run ends with when it is not Cake's 1: Drift's 2. build.cake exits
    /// with it after Cake has printed its summary.
    /// </summary>
    public int ExitCode { get; set; }

    private Catalog.CatalogService? _catalog;

    /// <summary>
    /// Sizes, regions and prices: live when the provider's token is at hand (environment, or the
    /// credential store for this deployment), else terraform/catalog.yml.
    /// </summary>
    public Catalog.CatalogService Catalog => _catalog ??= Roughneck.Catalog.CatalogService.For(Repo, CatalogEnvironment(), Log);

    private IReadOnlyDictionary<string, string> CatalogEnvironment()
    {
        if (SpecOrNull is not { IsLocal: false } spec) return Environment;
        var merged = new Dictionary<string, string>(Environment, StringComparer.Ordinal);
        try
        {
            foreach (var (name, value) in Credentials.CloudCredentials.ForTerraform(spec, Environment, CredentialStore)) merged[name] = value;
        }
        catch (InvalidOperationException)
        {
            // no token: the offline catalog serves, and Init reports the missing credential itself
        }
        return merged;
    }

    /// <summary>When the run started (Deploy's summary reports the time taken).</summary>
    public System.Diagnostics.Stopwatch Clock { get; } = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>The schema every spec is loaded and validated with.</summary>
    public SpecSchema Schema => new(Features);

    /// <summary>Set by Plan for Apply within the same run.</summary>
    internal PlanSummary? LastPlan { get; set; }

    /// <summary>What the state backend said at Init (or after Apply) in this run; null before.</summary>
    public DeploymentState? State { get; internal set; }

    private Ssh.LoginKey? _loginKey;

    /// <summary>The key this run logs in with (ROUGHNECK_SSH_PRIVATE_KEY, else the deployment's generated key).</summary>
    public async Task<Ssh.LoginKey> LoginKeyAsync(CancellationToken ct = default) =>
        _loginKey ??= await Ssh.LoginKey.ResolveAsync(Spec.Name, Paths, Environment, Redactor, Processes, ct);

    public static Session FromCake(string workingDirectory, IDictionary<string, string> arguments, IDictionary environment)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in environment)
        {
            env[(string)entry.Key] = entry.Value?.ToString() ?? "";
        }
        return Create(workingDirectory, (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(arguments), env);
    }

    public static Session Create(string workingDirectory, IReadOnlyDictionary<string, string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var repo = RepoPaths.Discover(workingDirectory);
        var features = FeatureCatalog.Load(repo.FeaturesFile);
        var providers = ProviderCatalog.Load(repo.Catalog);
        var schema = new SpecSchema(features);
        var parsed = RoughneckArguments.Parse(arguments, schema);
        DeploymentSpec? spec = null;
        if (parsed.Target == Fleet.MatrixStep.TargetName
            || (Fleet.FleetChain.Targets.Contains(parsed.Target) && parsed.Fleet.SelectsMany(parsed.Deployment)))
        {
            var loader = new SpecLoader(schema, providers, repo.DeploymentsDir);
            var selection = Fleet.FleetSpecs.Load(loader, repo.DeploymentsDir, parsed, environment);
            return new Session(repo, parsed, environment, features, providers, null, selection);
        }
        if (TargetsThatWriteTheSpec.Contains(parsed.Target))
        {
            if (parsed.Target == "Edit" && parsed.SpecOverrides.Count > 0)
            {
                throw new SpecException(new SpecProblem("argument --" + parsed.SpecOverrides.Keys.First(), 0, parsed.SpecOverrides.Keys.First(),
                    "Edit takes no deployment settings: change them in the editor"));
            }
        }
        else if (!TargetsWithoutDeployment.Contains(parsed.Target))
        {
            spec = new SpecLoader(schema, providers, repo.DeploymentsDir).Load(parsed.Deployment, environment, parsed.SpecOverrides);
        }
        else if (parsed.Target == "Catalog" && parsed.SpecOverrides.Keys.FirstOrDefault(k => !CatalogArguments.Contains(k)) is { } stray)
        {
            throw new SpecException(new SpecProblem("argument --" + stray, 0, stray, "target Catalog takes only --provider, --region and --refresh"));
        }
        else if (parsed.Target != "Catalog" && parsed.SpecOverrides.Count > 0)
        {
            throw new SpecException(new SpecProblem("argument --" + parsed.SpecOverrides.Keys.First(), 0, parsed.SpecOverrides.Keys.First(),
                $"target {parsed.Target} takes no deployment settings"));
        }
        return new Session(repo, parsed, environment, features, providers, spec);
    }

    /// <summary>Takes the deployment's lock for the rest of the run (once).</summary>
    public void Lock()
    {
        if (_lock is not null) return;
        var wait = Environment.TryGetValue("ROUGHNECK_LOCK_WAIT", out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.Zero;
        _lock = DeploymentLock.Acquire(Paths, Spec.Name, Arguments.Target, wait);
        if (Log is ConsoleLog console)
        {
            var logs = Path.Combine(Paths.Work, "logs");
            SecureFiles.EnsureDirectory(logs);
            LogFile = Path.Combine(logs, $"{Arguments.Target.ToLowerInvariant()}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.log");
            console.TeeTo(LogFile);
            if (Operator.Terminal.CanRedraw(Environment))
            {
                var roles = new[] { "common" }.Concat(Features.Features.Where(f => Spec.FeatureOn(f.Name)).Select(f => f.Role)).Distinct().ToList();
                console.ShowProgress(new Operator.ProgressStatus(() => Operator.ProgressStatus.CountTasks(Repo.RolesDir, roles), Clock));
            }
        }
    }

    /// <summary>This run's full log (.roughneck/logs/), once the first step has taken the lock.</summary>
    public string? LogFile { get; private set; }

    /// <summary>Fills what every terraform call of this deployment shares: binary, folders, CLI config, credentials.</summary>
    public T TerraformSettings<T>(T settings) where T : TerraformSettings => settings with
    {
        Binary = Spec.Terraform.Binary,
        WorkingDirectory = ModuleDir,
        DataDir = Paths.TfDataDir,
        CliConfigFile = Repo.TerraformCliConfig,
        SecretEnvironment = Credentials.CloudCredentials.ForTerraform(Spec, Environment, CredentialStore),
    };

    /// <summary>The deployment's generated root module (-chdir), which calls the shared provider module.</summary>
    public string ModuleDir => Paths.RootModule;

    public void Dispose()
    {
        _loginKey?.Dispose();
        _lock?.Dispose();
    }
}
