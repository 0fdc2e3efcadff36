using System.Text.Json;
using Roughneck.Deployments;
using Roughneck.Terraform;

namespace Roughneck.Targets;

/// <summary>
/// pg: the first write of a workspace that has no state row yet holds the backend's database-wide
/// creation lock for the whole Apply, so a fleet's first Deploys would run one after another.
/// Pushing an empty state right after the first Init creates the row in a moment; every Apply
/// then locks only its own row.
/// </summary>
public static class EmptyStatePush
{
    public static async Task EnsureAsync(Session s, CancellationToken ct)
    {
        var pull = s.TerraformSettings(new TerraformStatePullSettings());
        if (Exists(await s.Terraform.StatePullAsync(pull, ct))) return;
        var version = await TerraformVersionAsync(s, ct);
        var file = Path.Combine(s.Paths.TfDataDir, "empty.tfstate");
        SecureFiles.Write(file, EmptyState(version, Guid.NewGuid()));
        try
        {
            await s.Terraform.StatePushAsync(s.TerraformSettings(new TerraformStatePushSettings
            {
                StateFile = file,
                LockTimeout = s.Spec.Terraform.LockTimeout,
            }), ct);
            s.Log.Info($"Init: created the empty state of '{s.Spec.Name}' in schema {s.Spec.State.Schema}");
        }
        catch (TerraformException)
        {
            // Another run created it meanwhile: that is all we wanted.
            if (!Exists(await s.Terraform.StatePullAsync(pull, ct))) throw;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Whether `terraform state pull` found a stored state: with none, it prints an empty state
    /// with serial 0 and no lineage (or nothing at all).
    /// </summary>
    public static bool Exists(string pulled)
    {
        if (pulled.Trim().Length == 0) return false;
        using var document = JsonDocument.Parse(pulled);
        return document.RootElement.TryGetProperty("lineage", out var lineage) && lineage.GetString() is { Length: > 0 };
    }

    /// <summary>A version 4 state with no resources and no outputs.</summary>
    public static string EmptyState(string terraformVersion, Guid lineage) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["version"] = 4,
            ["terraform_version"] = terraformVersion,
            ["serial"] = 1,
            ["lineage"] = lineage.ToString(),
            ["outputs"] = new Dictionary<string, object>(),
            ["resources"] = Array.Empty<object>(),
            ["check_results"] = (object?)null!,
        }, new JsonSerializerOptions { WriteIndented = true }) + "\n";

    private static async Task<string> TerraformVersionAsync(Session s, CancellationToken ct)
    {
        var json = await s.Terraform.VersionJsonAsync(s.TerraformSettings(new TerraformVersionSettings()), ct);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("terraform_version").GetString() ?? throw new InvalidOperationException("terraform version -json has no terraform_version");
    }
}
