namespace Roughneck.Deployments;

/// <summary>Every file a deployment owns. Only Spec is committed; the rest lives in Work (git-ignored).</summary>
public sealed record DeploymentPaths(string Dir)
{
    public static DeploymentPaths For(RepoPaths repo, string name) => new(Path.Combine(repo.DeploymentsDir, name));

    public string Spec => Path.Combine(Dir, "deployment.yaml");
    public string Work => Path.Combine(Dir, ".roughneck");
    public string TfVars => Path.Combine(Work, "tfvars.json");
    public string TfDataDir => Path.Combine(Work, "tf");
    public string RootModule => Path.Combine(Work, "root");
    public string InitStamp => Path.Combine(TfDataDir, "roughneck-init.stamp");
    public string State => Path.Combine(Work, "terraform.tfstate");
    public string Plan => Path.Combine(Work, "plan.tfplan");
    public string PlanSummary => Path.Combine(Work, "plan.json");
    public string PlanMarkdown => Path.Combine(Work, "plan.md");
    public string SshDir => Path.Combine(Work, "ssh");
    public string LoginKey => Path.Combine(SshDir, "id_ed25519");
    public string LoginKeyPublic => LoginKey + ".pub";
    public string HostKey => Path.Combine(SshDir, "host_ed25519_key");
    public string HostKeyPublic => HostKey + ".pub";
    public string KnownHosts => Path.Combine(Work, "known_hosts");
    public string Outputs => Path.Combine(Work, "outputs.json");
    public string SshdPort => Path.Combine(Work, "sshd-port");
    public string Inventory => Path.Combine(Work, "inventory.yml");
    public string ExtraVars => Path.Combine(Work, "extra-vars.json");
    public string ReportsDir => Path.Combine(Work, "reports");
    public string Lock => Path.Combine(Work, "lock");
}
