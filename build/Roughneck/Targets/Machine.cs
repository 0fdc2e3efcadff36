using Roughneck.Ssh;
using Roughneck.Terraform;

namespace Roughneck.Targets;

/// <summary>The deployment's machine as its state holds it, and how to reach it.</summary>
public static class Machine
{
    public static (TerraformOutputs Outputs, SshTarget Target) Of(Session s) => OfAsync(s).GetAwaiter().GetResult();

    /// <summary>
    /// Reads the state first when this run has not (Init rebuilds known_hosts and outputs.json
    /// from it), so a fresh clone or CI runner reaches the machine another one created.
    /// </summary>
    public static async Task<(TerraformOutputs Outputs, SshTarget Target)> OfAsync(Session s, CancellationToken ct = default)
    {
        if (s.State is null) await InitStep.RunAsync(s, ct);
        if (s.State?.Machine is not { } outputs)
        {
            throw new InvalidOperationException(
                $"deployment '{s.Spec.Name}' has no machine yet (its state holds none): run ./build.sh --target=Deploy --deployment={s.Spec.Name}");
        }
        var login = await s.LoginKeyAsync(ct);
        return (outputs, new SshTarget(outputs.Address, outputs.Port, outputs.User, login.PrivateKeyPath, s.Paths.KnownHosts, ControlDirectory.Current));
    }
}
