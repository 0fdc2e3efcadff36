namespace Roughneck.Tests.Integration.Support;

/// <summary>A throwaway deployments/ folder; Dispose destroys what is left in it.</summary>
public sealed class TempDeployments : IDisposable
{
    public TempDeployments()
    {
        Dir = Path.Combine(Path.GetTempPath(), "roughneck-it-" + Guid.NewGuid().ToString("N")[..8], "deployments");
        Directory.CreateDirectory(Dir);
    }

    public string Dir { get; }

    public string Add(string name, string yaml)
    {
        var folder = Path.Combine(Dir, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "deployment.yaml"), yaml);
        return folder;
    }

    public string Work(string name) => Path.Combine(Dir, name, ".roughneck");

    /// <summary>The local sandbox's machine id, as Init recorded it (read it before Destroy removes the cache).</summary>
    public string MachineId(string name) =>
        Roughneck.Terraform.TfVars.ReadString(Path.Combine(Work(name), "tfvars.json"), "machine_id")
        ?? throw new InvalidOperationException($"{name} has no machine id yet: run Init (or Plan, Deploy) first");

    /// <summary>A local spec with only the roles named on (common always runs).</summary>
    public static string LocalSpec(params string[] featuresOn)
    {
        var all = new[]
        {
            "shell", "git", "github_cli", "tmux", "golang", "node", "docker", "code_server", "tls", "direnv",
            "lazygit", "lazydocker", "k9s", "ai_clis", "beads", "gastown", "gastown_services",
        };
        var lines = all.Select(f => $"  {f}: {(featuresOn.Contains(f) ? "true" : "false")}");
        return "provider: local\nssh:\n  user: dev\nfeatures:\n" + string.Join("\n", lines) + "\n";
    }

    public void Dispose()
    {
        foreach (var name in Directory.Exists(Dir) ? Directory.GetDirectories(Dir) : Array.Empty<string>())
        {
            if (File.Exists(Path.Combine(name, ".roughneck", "terraform.tfstate")))
            {
                CliRun.Run(Dir, null, TimeSpan.FromMinutes(5), "--target=Destroy", "--deployment=" + Path.GetFileName(name), "--force");
            }
        }
        try { Directory.Delete(Path.GetDirectoryName(Dir)!, recursive: true); } catch (IOException) { }
    }
}
