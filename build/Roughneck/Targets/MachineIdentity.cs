using Roughneck.Deployments;
using Roughneck.Processes;
using Roughneck.Ssh;
using Roughneck.Terraform;

namespace Roughneck.Targets;

/// <summary>
/// What a machine is created with and must keep: its host key and, for the local sandbox, its id
/// and /30. Taken from the state when it holds a machine (never generated anew then), else from
/// the local cache, else new.
/// </summary>
public static class MachineIdentity
{
    /// <summary>The host public key to pin and to pass to Terraform.</summary>
    public static async Task<string> HostKeyAsync(Session s, DeploymentState state, CancellationToken ct)
    {
        var paths = s.Paths;
        if (state.IdentityOf("host_key_public") is { } recorded)
        {
            var local = File.Exists(paths.HostKeyPublic) ? File.ReadAllText(paths.HostKeyPublic) : null;
            if (local is null || PublicKeyLine.WithoutComment(local) != PublicKeyLine.WithoutComment(recorded))
            {
                // A key pair left from another machine is of no use: only the state's public half counts.
                if (File.Exists(paths.HostKey)) File.Delete(paths.HostKey);
                SecureFiles.Write(paths.HostKeyPublic, recorded.Trim() + "\n");
            }
            return recorded.Trim();
        }
        if (state.HasMachine)
        {
            // A state written before the identity was recorded: the creating clone still has the key.
            if (File.Exists(paths.HostKeyPublic)) return File.ReadAllText(paths.HostKeyPublic).Trim();
            throw new InvalidOperationException(
                $"the state of '{s.Spec.Name}' holds a machine but not its host key (it was created by an older Roughneck); " +
                "run Deploy once from the folder that created it, which records the key in the state");
        }
        await new SshKeys(s.Processes).EnsureAsync(paths.HostKey, $"roughneck-{s.Spec.Name}-host", ct);
        return File.ReadAllText(paths.HostKeyPublic).Trim();
    }

    /// <summary>The local sandbox's id and /30: the state's, else the cached tfvars', else new.</summary>
    public static async Task<LocalNetwork> LocalNetworkAsync(Session s, DeploymentState state, CancellationToken ct)
    {
        var paths = s.Paths;
        var id = state.IdentityOf("machine_id") ?? (state.HasMachine ? state.Machine!.ServerId : null);
        var host = state.IdentityOf("host_address");
        var guest = state.IdentityOf("guest_address") ?? state.Machine?.Address;
        if (id is not null && host is not null && guest is not null) return new LocalNetwork(id, host, guest);
        if (state.HasMachine && id is not null && host is null && TfVars.ReadString(paths.TfVars, "host_address") is { } cachedHost && guest is not null)
        {
            return new LocalNetwork(id, cachedHost, guest); // an older state: the creating clone's cache
        }
        if (state.HasMachine)
        {
            throw new InvalidOperationException(
                $"the state of '{s.Spec.Name}' holds a machine but not its network; run Deploy once from the folder that created it, which records it in the state");
        }

        // No machine: reuse the cached choice (an interrupted first Deploy), or draw a new one.
        var cachedId = TfVars.ReadString(paths.TfVars, "machine_id");
        var cachedHostAddress = TfVars.ReadString(paths.TfVars, "host_address");
        var cachedGuest = TfVars.ReadString(paths.TfVars, "guest_address");
        if (cachedId is not null && cachedHostAddress is not null && cachedGuest is not null) return new LocalNetwork(cachedId, cachedHostAddress, cachedGuest);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in DeploymentDirectory.Names(s.Repo.DeploymentsDir).Where(n => n != s.Spec.Name))
        {
            if (TfVars.ReadString(DeploymentPaths.For(s.Repo, name).TfVars, "host_address") is { } address) used.Add(address);
        }
        var ip = await s.Processes.RunAsync(new ProcessSpec("ip", new[] { "-4", "-o", "addr" }), new ProcessOptions { Stream = false }, ct);
        foreach (var address in LocalNetwork.ParseIpAddr(ip.StandardOutput)) used.Add(address);
        return LocalNetwork.Allocate(LocalNetwork.NewMachineId(), used);
    }

    /// <summary>
    /// The region and size the state's machine has when a capacity fallback chose them (one of the
    /// spec's candidates, or the recorded choice); the spec's own otherwise, so that editing the
    /// size or region still resizes or moves: a recorded choice made for another spec size or
    /// region is dropped (FallbackChoice). Rebuilds the fallback cache from the state.
    /// </summary>
    public static (string Region, string Size)? Placement(DeploymentSpec spec, DeploymentState state, DeploymentPaths paths)
    {
        var dropped = false;
        var recorded = FallbackChoice.Read(paths, spec, _ => dropped = true);
        if (state.Machine is not { } machine)
        {
            return recorded is null ? null : (recorded.Region, recorded.Size); // Apply's fallback in progress
        }
        if (machine.Region == spec.Region && machine.Size == spec.Size) return null;
        if (dropped) return null; // the spec's size or region was edited since the fallback chose
        var regions = new[] { spec.Region }.Concat(spec.FallbackRegions);
        var sizes = new[] { spec.Size }.Concat(spec.FallbackSizes);
        var wasChosen = recorded is not null && recorded.Region == machine.Region && recorded.Size == machine.Size;
        if (!wasChosen && (!regions.Contains(machine.Region, StringComparer.Ordinal) || !sizes.Contains(machine.Size, StringComparer.Ordinal))) return null;
        var choice = FallbackChoice.For(spec, machine.Region, machine.Size);
        if (recorded != choice) choice.Write(paths);
        return (machine.Region, machine.Size);
    }
}
