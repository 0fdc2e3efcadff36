using Roughneck.Ansible;
using Roughneck.Deployments;
using Roughneck.Ssh;
using Roughneck.Terraform;

namespace Roughneck.Targets;

/// <summary>Provision: wait for SSH with the pinned key, then the playbook (idempotent, always runs).</summary>
public static class ProvisionStep
{
    public static void Run(Session s) => RunAsync(s, "site.yml", Array.Empty<string>()).GetAwaiter().GetResult();

    public static void Update(Session s) => RunAsync(s, "update.yml", s.Arguments.Only).GetAwaiter().GetResult();

    /// <param name="check">check mode regardless of --check (Drift); null: as --check says.</param>
    public static async Task<PlaybookOutput> RunAsync(Session s, string playbook, IReadOnlyList<string> tags, CancellationToken ct = default, bool? check = null)
    {
        s.Lock();
        var (outputs, applied) = await Machine.OfAsync(s, ct);
        var paths = s.Paths;
        // During an ssh port change sshd may still be on the previous port: the play moves it.
        var targets = new List<SshTarget> { applied };
        if (TfVars.ReadInt(paths.TfVars, "ssh_port_previous") is { } previous && previous != applied.Port)
        {
            targets.Add(applied with { Port = previous });
        }
        var target = await new RemoteShell(s.Processes, s.Log).WaitAnyAsync(targets, s.Spec.IsLocal ? TimeSpan.FromSeconds(60) : TimeSpan.FromMinutes(5), ct);
        if (target.Port != applied.Port)
        {
            s.Log.Info($"Provision: sshd still listens on {target.Port}; this run moves it to {applied.Port}");
        }

        SecureFiles.WriteIfChanged(paths.Inventory, Inventory.Render(s.Spec.Name, target));
        var certificates = s.Spec.Network.ExtraCaCerts.Select(f => ReadCertificate(paths, f)).ToList();
        var vars = ExtraVars.Build(s.Spec, s.Features, outputs.HttpProxy, certificates, outputs.Port);
        vars["roughneck_authorized_keys"] = AuthorizedKeys(s.Spec.Ssh.AuthorizedKeys, (await s.LoginKeyAsync(ct)).PublicKey);
        SecureFiles.WriteIfChanged(paths.ExtraVars, ExtraVars.ToJson(vars));

        var settings = new AnsiblePlaybookSettings
        {
            AnsibleDir = s.Repo.AnsibleDir,
            Playbook = playbook,
            Inventory = paths.Inventory,
            ExtraVarsFile = paths.ExtraVars,
            Tags = tags,
            Check = check ?? s.Arguments.Check,
            Diff = check ?? s.Arguments.Check,
            ControlPathDir = target.ControlDir,
            SecretEnvironment = s.Environment
                .Where(kv => kv.Key.StartsWith(ToolEnvironment.SecretPrefix, StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key, kv => kv.Value),
        };
        var roles = (IEnumerable<string>)vars["roughneck_roles"]!;
        s.Log.Info($"Provision: {playbook} on {target.User}@{target.Address} with roles common, {string.Join(", ", roles)}{(settings.Check ? " (check mode: nothing changes)" : "")}");
        var result = await new AnsibleRunner(s.Processes).RunAsync(settings, ct);
        if (playbook == "site.yml" && tags.Count == 0 && !settings.Check)
        {
            SshPortTransition.Record(paths.SshdPort, outputs.Port); // role common put sshd there
        }
        s.Log.Info($"Provision: done, {result.TotalChanged} changed");
        return result;
    }

    /// <summary>The spec's keys plus the key in use, each once (the same key with another comment is the same key).</summary>
    public static IReadOnlyList<string> AuthorizedKeys(IReadOnlyList<string> specKeys, string keyInUse) =>
        specKeys.Append(keyInUse).Select(k => k.Trim()).DistinctBy(PublicKeyLine.WithoutComment, StringComparer.Ordinal).ToList();

    private static string ReadCertificate(DeploymentPaths paths, string relative)
    {
        var file = Path.Combine(paths.Dir, relative);
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"{paths.Spec}: network.extra_ca_certs lists '{relative}', which does not exist in {paths.Dir}");
        }
        var text = File.ReadAllText(file);
        if (!text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{file} is not a PEM certificate");
        }
        return text;
    }
}
