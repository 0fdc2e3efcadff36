using System.Text.Json;

namespace Roughneck.Terraform;

/// <summary>
/// What the deployment's state backend says, read with `terraform output -json` after init:
/// the machine's outputs (null when the state holds none) and the identity the machine was
/// created with (the generated root module's <c>roughneck_identity</c> output).
/// </summary>
public sealed record DeploymentState(TerraformOutputs? Machine, IReadOnlyDictionary<string, string> Identity)
{
    public const string IdentityOutput = "roughneck_identity";

    /// <summary>
    /// The root variables that make up a machine's identity and must stay as they were when it
    /// was created (docs/CONTRACTS.md). Non-secret by construction.
    /// </summary>
    public static readonly IReadOnlyList<string> IdentityVariables = new[] { "host_key_public", "machine_id", "host_address", "guest_address" };

    public static readonly DeploymentState Empty = new(null, new Dictionary<string, string>());

    public bool HasMachine => Machine is not null;

    public string? IdentityOf(string name) => Identity.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public static DeploymentState Parse(string outputJson)
    {
        if (string.IsNullOrWhiteSpace(outputJson)) return Empty;
        using var document = JsonDocument.Parse(outputJson);
        var root = document.RootElement;
        var identity = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty(IdentityOutput, out var output) && output.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            {
                identity[property.Name] = property.Value.GetString()!;
            }
        }
        var hasMachine = root.TryGetProperty("address", out var address)
                         && address.TryGetProperty("value", out var addressValue)
                         && addressValue.ValueKind == JsonValueKind.String && addressValue.GetString()!.Length > 0;
        return new DeploymentState(hasMachine ? TerraformOutputs.Parse(outputJson) : null, identity);
    }
}
