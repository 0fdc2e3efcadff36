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
        var planned = PlannedServer.Of(spec, paths, s.Log.Warn);
        await SizeCheck.RunAsync(s, planned, ct);
        s.Lock();

        // Before the root module changes: the previous backend must still be readable.
        var backendConfig = RootWrapper.BackendConfig(spec, paths);
        var migrate = await BackendGuard.CheckAsync(s, backendConfig, ct);

        var providerModule = s.Repo.ProviderModule(spec.Provider);
        SecureFiles.WriteIfChanged(Path.Combine(paths.RootModule, "main.tf"),
            RootWrapper.Render(paths.RootModule, providerModule, spec.Provider, spec.State.Backend, TfVars.Names(spec, paths)));
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
            BackendConfig = backendConfig,
            LockfileReadonly = File.Exists(lockFile),
            Reconfigure = !migrate,
            MigrateState = migrate,
            LockTimeout = spec.Terraform.LockTimeout,
        });
        var stamp = Stamp(s.Repo.TerraformDir, init, cliConfig + File.ReadAllText(Path.Combine(paths.RootModule, "main.tf")));
        if (File.Exists(paths.InitStamp) && File.ReadAllText(paths.InitStamp) == stamp)
        {
            s.Log.Info("Init: terraform already initialised (modules, providers and backend unchanged)");
        }
        else
        {
            await s.Terraform.InitAsync(init, ct);
            if (spec.State.Backend == "pg") await EmptyStatePush.EnsureAsync(s, ct);
            SecureFiles.Write(paths.InitStamp, stamp);
        }

        var state = await ReadStateAsync(s, ct);
        var login = await s.LoginKeyAsync(ct);
        var hostKey = await MachineIdentity.HostKeyAsync(s, state, ct);
        var placement = MachineIdentity.Placement(spec, state, paths);
        // A fleet run inits several local deployments at once: one at a time from choosing an
        // address to writing it in tfvars.json, where the next one looks for used addresses.
        await NetworkGate.WaitAsync(ct);
        LocalNetwork? network;
        try
        {
            network = spec.IsLocal ? await MachineIdentity.LocalNetworkAsync(s, state, ct) : null;
            var previousPort = SshPortTransition.PreviousPort(spec.Ssh.Port, state.Machine?.Port,
                TfVars.ReadInt(paths.TfVars, "ssh_port_previous"), SshPortTransition.Provisioned(paths.SshdPort));
            if (previousPort is { } previous)
            {
                s.Log.Info($"Init: ssh port {spec.Ssh.Port}; sshd may still listen on {previous} until Provision moves it, so the firewall opens both meanwhile");
            }
            var vars = TfVars.Build(spec, paths, login.PublicKey, hostKey, network, RepoPaths.SandboxDir, placement?.Region, placement?.Size, previousPort);
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
        if (state.Machine is { } machine)
        {
            WriteMachineCache(s, machine, hostKey);
            s.Log.Info($"Init: the state holds {spec.Name}'s machine at {machine.User}@{machine.Address}:{machine.Port} ({machine.ServerId}); login key from {login.Source}");
        }
    }

    /// <summary>The deployment's state as the backend holds it now (terraform output -json).</summary>
    public static async Task<DeploymentState> ReadStateAsync(Session s, CancellationToken ct)
    {
        var json = await s.Terraform.OutputJsonAsync(s.TerraformSettings(new TerraformOutputSettings()), ct);
        var state = DeploymentState.Parse(json);
        s.State = state;
        return state;
    }

    /// <summary>
    /// outputs.json and known_hosts: caches of the state that any run rebuilds. During an ssh
    /// port change (ssh_port_previous in tfvars) the key is pinned for both ports.
    /// </summary>
    public static void WriteMachineCache(Session s, TerraformOutputs machine, string hostKeyPublic)
    {
        var ports = new List<int> { machine.Port };
        if (TfVars.ReadInt(s.Paths.TfVars, "ssh_port_previous") is { } previous) ports.Add(previous);
        SecureFiles.WriteIfChanged(s.Paths.Outputs, machine.ToJson());
        SecureFiles.WriteIfChanged(s.Paths.KnownHosts, KnownHosts.Render(machine.Address, ports, hostKeyPublic));
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
}
