using System.Text.Json;
using Roughneck.Deployments;

namespace Roughneck.Targets;

/// <summary>The region and size capacity fallback settled on, kept so later runs plan the same server.</summary>
public sealed record FallbackChoice(string Region, string Size)
{
    public static string File(DeploymentPaths paths) => Path.Combine(paths.Work, "fallback.json");

    public static FallbackChoice? Read(DeploymentPaths paths) =>
        System.IO.File.Exists(File(paths)) ? JsonSerializer.Deserialize<FallbackChoice>(System.IO.File.ReadAllText(File(paths))) : null;

    public void Write(DeploymentPaths paths) => SecureFiles.Write(File(paths), JsonSerializer.Serialize(this));
}
