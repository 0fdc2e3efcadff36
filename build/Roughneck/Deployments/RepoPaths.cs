namespace Roughneck.Deployments;

/// <summary>Where the parts of Roughneck live in the repository.</summary>
public sealed record RepoPaths(string Root)
{
    public string DeploymentsDir =>
        Environment.GetEnvironmentVariable("ROUGHNECK_DEPLOYMENTS_DIR") is { Length: > 0 } custom
            ? Path.GetFullPath(custom)
            : Path.Combine(Root, "deployments");

    public string TerraformDir => Path.Combine(Root, "terraform");
    public string ProviderModule(string provider) => Path.Combine(TerraformDir, "providers", provider);
    public string Catalog => Path.Combine(TerraformDir, "catalog.yml");
    public string AnsibleDir => Path.Combine(Root, "ansible");
    public string FeaturesFile => Path.Combine(AnsibleDir, "features.yml");
    public string RolesDir => Path.Combine(AnsibleDir, "roles");
    public string CacheDir => Path.Combine(Root, "build", ".cache");
    public string TerraformCliConfig => Path.Combine(CacheDir, "terraform.tfrc");
    public string PluginCacheDir => Path.Combine(CacheDir, "terraform-plugins");

    /// <summary>Local sandbox machines and their rootfs cache (large, outside the repository).</summary>
    public static string SandboxDir =>
        Environment.GetEnvironmentVariable("ROUGHNECK_SANDBOX_DIR") is { Length: > 0 } custom
            ? Path.GetFullPath(custom)
            : "/var/lib/roughneck";

    public static RepoPaths Discover(string start)
    {
        var dir = new DirectoryInfo(Path.GetFullPath(start));
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "build.cake")) && Directory.Exists(Path.Combine(dir.FullName, "terraform")))
            {
                return new RepoPaths(dir.FullName);
            }
            dir = dir.Parent;
        }
        throw new InvalidOperationException($"not inside a Roughneck checkout: no build.cake above {start}");
    }
}
