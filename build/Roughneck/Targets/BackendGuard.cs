using System.Text.Json;
using Roughneck.Terraform;

namespace Roughneck.Targets;

/// <summary>
/// Refuses to point a deployment that has state at another backend: Terraform would start from an
/// empty state there and plan a second machine. --migrate-state copies the state instead
/// (terraform init -migrate-state).
/// </summary>
public static class BackendGuard
{
    /// <summary>The keys that say where a state lives, per backend type.</summary>
    private static readonly string[] LocatorKeys = { "path", "schema_name", "bucket", "key", "endpoints" };

    /// <summary>The backend type and where-keys the data dir was last initialised with, or null.</summary>
    public static (string Type, IReadOnlyDictionary<string, string> Config)? Previous(string dataDir)
    {
        var file = Path.Combine(dataDir, "terraform.tfstate");
        if (!File.Exists(file)) return null;
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        if (!document.RootElement.TryGetProperty("backend", out var backend) || !backend.TryGetProperty("type", out var type)) return null;
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        if (backend.TryGetProperty("config", out var values) && values.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in values.EnumerateObject().Where(p => LocatorKeys.Contains(p.Name)))
            {
                config[property.Name] = Text(property.Value);
            }
        }
        return (type.GetString() ?? "", config);
    }

    /// <summary>What differs between the previous backend and the spec's, or null when it is the same place.</summary>
    public static string? Change((string Type, IReadOnlyDictionary<string, string> Config) previous, string type, IReadOnlyDictionary<string, string> config)
    {
        if (previous.Type != type) return $"from {previous.Type} to {type}";
        foreach (var key in LocatorKeys.Where(config.ContainsKey))
        {
            var now = Normalize(config[key]);
            var before = previous.Config.TryGetValue(key, out var value) ? Normalize(value) : "";
            if (before != now) return $"{type} {key} from '{before}' to '{now}'";
        }
        return null;
    }

    /// <summary>
    /// True when Init must migrate; throws when the backend changed under a state that holds
    /// resources and --migrate-state was not given.
    /// </summary>
    public static async Task<bool> CheckAsync(Session s, IReadOnlyDictionary<string, string> config, CancellationToken ct)
    {
        var spec = s.Spec;
        var paths = s.Paths;
        var previous = Previous(paths.TfDataDir);
        if (previous is null)
        {
            // Never initialised here (a fresh clone): nothing to compare, unless a local state file was left behind.
            if (spec.State.Backend != "local" && LocalStateResources(paths.State) > 0)
            {
                throw new InvalidOperationException(
                    $"{paths.State} holds the state of '{spec.Name}', but state.backend is now {spec.State.Backend}; Roughneck never starts from an empty state. " +
                    "Set state.backend back to local, run Init, then set it again and run Init with --migrate-state (terraform init -migrate-state).");
            }
            return false;
        }
        if (Change(previous.Value, spec.State.Backend, config) is not { } change) return false;
        IReadOnlyList<string> resources;
        try
        {
            resources = await s.Terraform.StateListAsync(s.TerraformSettings(new TerraformStateListSettings()), ct);
        }
        catch (TerraformException e)
        {
            throw new InvalidOperationException(
                $"the state backend of '{spec.Name}' changed ({change}) and the previous one cannot be read to check that it is empty; " +
                "Roughneck never starts from an empty state. Make the previous backend reachable (its credentials in the environment), " +
                "then run Init with --migrate-state (terraform init -migrate-state).", e);
        }
        if (resources.Count == 0)
        {
            s.Log.Info($"Init: state backend changed ({change}); the previous state holds no resources, so nothing is migrated");
            return false;
        }
        if (!s.Arguments.MigrateState)
        {
            throw new InvalidOperationException(
                $"the state backend of '{spec.Name}' changed ({change}) while the previous state holds {resources.Count} resource(s); " +
                $"Roughneck never starts from an empty state. Copy the state with: ./build.sh --target=Init --deployment={spec.Name} --migrate-state " +
                "(terraform init -migrate-state), or put the state settings back.");
        }
        s.Log.Info($"Init: migrating the state of '{spec.Name}' ({change}, {resources.Count} resource(s)) with terraform init -migrate-state");
        return true;
    }

    private static int LocalStateResources(string stateFile)
    {
        if (!File.Exists(stateFile)) return 0;
        using var document = JsonDocument.Parse(File.ReadAllText(stateFile));
        return document.RootElement.TryGetProperty("resources", out var resources) && resources.ValueKind == JsonValueKind.Array
            ? resources.GetArrayLength()
            : 0;
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "",
        JsonValueKind.Object => string.Join(",", value.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => $"{p.Name}={p.Value.GetString()}")),
        _ => value.GetRawText(),
    };

    /// <summary>-backend-config's HCL object text {s3="url"} and the data dir's JSON read the same.</summary>
    private static string Normalize(string value) =>
        value.StartsWith('{') ? value.Trim('{', '}').Replace("\"", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal) : value;
}
