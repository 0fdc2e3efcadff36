using System.Text.Json;

namespace Roughneck.Terraform;

/// <summary>A resource that changed outside Terraform: its address, the module it belongs to, and how it differs.</summary>
public sealed record DriftedResource(string Address, string Module, string Action);

/// <summary>Reads "resource_drift" of `terraform show -json` on a refresh-only plan.</summary>
public static class ResourceDrift
{
    public static IReadOnlyList<DriftedResource> Parse(string showJson)
    {
        using var document = JsonDocument.Parse(showJson);
        var drifted = new List<DriftedResource>();
        if (!document.RootElement.TryGetProperty("resource_drift", out var resources)) return drifted;
        foreach (var resource in resources.EnumerateArray())
        {
            var actions = resource.GetProperty("change").GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ToList();
            if (actions is ["no-op"] or ["read"]) continue;
            var action = actions switch
            {
                ["delete"] => "deleted outside Terraform",
                ["update"] => "changed outside Terraform",
                _ => string.Join("+", actions) + " outside Terraform",
            };
            drifted.Add(new DriftedResource(
                resource.GetProperty("address").GetString() ?? "",
                resource.TryGetProperty("module_address", out var module) ? module.GetString() ?? "" : "",
                action));
        }
        return drifted;
    }
}
