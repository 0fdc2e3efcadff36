using System.Text.Json;
using Roughneck.Deployments;

namespace Roughneck.Targets;

/// <summary>
/// The region and size capacity fallback settled on, kept so later runs plan the same server,
/// together with the spec's own region and size at the time: when the operator changes either,
/// the choice no longer applies and is dropped.
/// </summary>
public sealed record FallbackChoice(string Region, string Size, string SpecRegion, string SpecSize)
{
    public static string File(DeploymentPaths paths) => Path.Combine(paths.Work, "fallback.json");

    /// <summary>The choice that still applies to this spec, or null (a stale choice is deleted).</summary>
    public static FallbackChoice? Read(DeploymentPaths paths, DeploymentSpec spec, Action<string>? onDropped = null)
    {
        var file = File(paths);
        if (!System.IO.File.Exists(file)) return null;
        FallbackChoice? choice;
        try
        {
            choice = JsonSerializer.Deserialize<FallbackChoice>(System.IO.File.ReadAllText(file));
        }
        catch (JsonException)
        {
            choice = null;
        }
        if (choice is not null && choice.SpecRegion == spec.Region && choice.SpecSize == spec.Size) return choice;
        System.IO.File.Delete(file);
        onDropped?.Invoke(choice is null
            ? "dropped an unreadable capacity fallback choice"
            : $"dropped the capacity fallback choice {choice.Size} in {choice.Region}: the spec now asks for {spec.Size} in {spec.Region} (it was {choice.SpecSize} in {choice.SpecRegion})");
        return null;
    }

    public static FallbackChoice For(DeploymentSpec spec, string region, string size) => new(region, size, spec.Region, spec.Size);

    public void Write(DeploymentPaths paths) => SecureFiles.Write(File(paths), JsonSerializer.Serialize(this));
}

/// <summary>The region and size a run plans: the fallback's choice when one applies, else the spec's.</summary>
public sealed record PlannedServer(string Region, string Size, bool FromFallback)
{
    public static PlannedServer Of(DeploymentSpec spec, DeploymentPaths paths, Action<string>? onDropped = null) =>
        FallbackChoice.Read(paths, spec, onDropped) is { } choice
            ? new PlannedServer(choice.Region, choice.Size, true)
            : new PlannedServer(spec.Region, spec.Size, false);
}
