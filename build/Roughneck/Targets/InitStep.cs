using System.Security.Cryptography;
using System.Text;
using Roughneck.Credentials;
using Roughneck.Deployments;
using Roughneck.Processes;
using Roughneck.Ssh;
using Roughneck.Terraform;

namespace Roughneck.Targets;

/// <summary>Init: keys, tfvars, CLI config and terraform init in the deployment's own data dir.</summary>
public static class InitStep
{
    private static readonly SemaphoreSlim NetworkGate = new(1, 1);

    public static void Run(Session s) => RunAsync(s).GetAwaiter().GetResult();

    public static async Task RunAsync(Session s, CancellationToken ct = default)
    {
        var spec = s.Spec;
        var paths = s.Paths;
        CloudCredentials.ForTerraform(spec, s.Environment, s.CredentialStore); // fails before anything is written
        if (spec.IsLocal) LocalPrerequisites.Check();
        s.Lock();

        var keys = new SshKeys(s.Processes);
        await keys.EnsureAsync(paths.LoginKey, $"roughneck-{spec.Name}", ct);
        await keys.EnsureAsync(paths.HostKey, $"roughneck-{spec.Name}-host", ct);

        // A fleet run inits several local deployments at once: one at a time from choosing an
        // address to writing it in tfvars.json, where the next one looks for used addresses.
        await NetworkGate.WaitAsync(ct);
        LocalNetwork? network;
        Dictionary<string, object> vars;
        try
        {
            network = spec.IsLocal ? await AllocateNetworkAsync(s, ct) : null;
            var fallback = FallbackChoice.Read(paths);
            vars = TfVars.Build(spec, paths,
                File.ReadAllText(paths.LoginKeyPublic), File.ReadAllText(paths.HostKeyPublic),
                network, RepoPaths.SandboxDir, fallback?.Region, fallback?.Size);
            if (SecureFiles.WriteIfChanged(paths.TfVars, TfVars.ToJson(vars)))
            {
                s.Log.Info($"Init: wrote {Path.GetRelativePath(s.Repo.Root, paths.TfVars)}");
            }
        }
        finally
        {
            NetworkGate.Release();
        }
        if (network is not null) s.Log.Info($"Init: local sandbox {network.Describe()}");

        var providerModule = s.Repo.ProviderModule(spec.Provider);
        SecureFiles.WriteIfChanged(Path.Combine(paths.RootModule, "main.tf"),
            RootWrapper.Render(paths.RootModule, providerModule, spec.State.Backend, vars.Keys));
        var lockFile = Path.Combine(providerModule, ".terraform.lock.hcl");
        if (File.Exists(lockFile))
        {
            SecureFiles.WriteIfChanged(Path.Combine(paths.RootModule, ".terraform.lock.hcl"), File.ReadAllText(lockFile));
        }

        var cliConfig = CliConfig.Render(CliConfig.DiscoverMirrors(), s.Repo.PluginCacheDir);
        Directory.CreateDirectory(s.Repo.PluginCacheDir);
        SecureFiles.WriteIfChanged(s.Repo.TerraformCliConfig, cliConfig);

        var init = s.TerraformSettings(new TerraformInitSettings
        {
            BackendConfig = RootWrapper.BackendConfig(spec, paths),
            LockfileReadonly = File.Exists(lockFile),
            Reconfigure = true,
        });
        var stamp = Stamp(s.Repo.TerraformDir, init, cliConfig + File.ReadAllText(Path.Combine(paths.RootModule, "main.tf")));
        if (File.Exists(paths.InitStamp) && File.ReadAllText(paths.InitStamp) == stamp)
        {
            s.Log.Info("Init: terraform already initialised (modules, providers and backend unchanged)");
            return;
        }
        await s.Terraform.InitAsync(init, ct);
        SecureFiles.Write(paths.InitStamp, stamp);
    }

    /// <summary>
    /// What terraform init depends on: every module's files (a module may call another), the
    /// backend and CLI config, the binary.
    /// </summary>
    private static string Stamp(string terraformDir, TerraformInitSettings init, string cliConfig)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(terraformDir, "*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".tf", StringComparison.Ordinal) || f.EndsWith(".hcl", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                              && !f.Contains($"{Path.DirectorySeparatorChar}.terraform{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            text.Append(file).Append('\n').Append(File.ReadAllText(file)).Append('\n');
        }
        text.Append(string.Join(' ', init.ToArguments())).Append('\n').Append(init.Binary).Append('\n').Append(cliConfig);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static async Task<LocalNetwork> AllocateNetworkAsync(Session s, CancellationToken ct)
    {
        var paths = s.Paths;
        var existingHost = TfVars.ReadString(paths.TfVars, "host_address");
        var existingGuest = TfVars.ReadString(paths.TfVars, "guest_address");
        if (existingHost is not null && existingGuest is not null)
        {
            return new LocalNetwork(LocalNetwork.MachineIdFor(paths.Dir), existingHost, existingGuest);
        }
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in DeploymentDirectory.Names(s.Repo.DeploymentsDir).Where(n => n != s.Spec.Name))
        {
            var other = DeploymentPaths.For(s.Repo, name).TfVars;
            if (TfVars.ReadString(other, "host_address") is { } address) used.Add(address);
        }
        var ip = await s.Processes.RunAsync(new ProcessSpec("ip", new[] { "-4", "-o", "addr" }), new ProcessOptions { Stream = false }, ct);
        foreach (var address in LocalNetwork.ParseIpAddr(ip.StandardOutput)) used.Add(address);
        return LocalNetwork.Allocate(paths.Dir, used);
    }
}
