using Roughneck.Terraform;
using Xunit;

namespace Roughneck.Tests.Unit;

public class TerraformDestroySettingsTests
{
    private static readonly TerraformDestroySettings Settings = new()
    {
        WorkingDirectory = "/w/root",
        DataDir = "/w/tf",
        VarFiles = new[] { "/w/tfvars.json" },
        LockTimeout = "2m",
    };

    [Fact]
    public void Auto_approves_and_never_uses_the_removed_force_flag()
    {
        var args = Settings.ToArguments();

        Assert.Contains("-auto-approve", args);
        Assert.DoesNotContain("-force", args);
    }

    [Fact]
    public void Full_argument_list_in_order()
    {
        Assert.Equal(
            new[] { "-chdir=/w/root", "destroy", "-input=false", "-no-color", "-auto-approve", "-lock-timeout=2m", "-var-file=/w/tfvars.json" },
            Settings.ToArguments());
    }
}
