using Roughneck.Ssh;
using Roughneck.Terraform;

namespace Roughneck.Targets;

/// <summary>The applied machine of a deployment, as Apply recorded it.</summary>
public static class Machine
{
    public static (TerraformOutputs Outputs, SshTarget Target) Of(Session s)
    {
        var paths = s.Paths;
        var outputs = TerraformOutputs.ReadFile(paths.Outputs);
        if (outputs is null || !File.Exists(paths.KnownHosts))
        {
            throw new InvalidOperationException(
                $"deployment '{s.Spec.Name}' has no machine yet (no outputs from Apply): run ./build.sh --target=Deploy --deployment={s.Spec.Name}");
        }
        return (outputs, new SshTarget(outputs.Address, outputs.Port, outputs.User, paths.LoginKey, paths.KnownHosts, ControlDirectory.Current));
    }
}
