namespace Roughneck.Deployments;

/// <summary>The deployments/ folder: which deployments exist.</summary>
public static class DeploymentDirectory
{
    public static IReadOnlyList<string> Names(string deploymentsDir) =>
        Directory.Exists(deploymentsDir)
            ? Directory.GetDirectories(deploymentsDir)
                .Where(d => File.Exists(Path.Combine(d, "deployment.yaml")))
                .Select(Path.GetFileName)
                .OfType<string>()
                .Order(StringComparer.Ordinal)
                .ToList()
            : Array.Empty<string>();
}
