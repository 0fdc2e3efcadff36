using Roughneck.Terraform;
using Xunit;

namespace Roughneck.Tests.Unit;

public class TerraformApplySettingsTests
{
    private static readonly TerraformApplySettings Settings = new()
    {
        WorkingDirectory = "/w/root",
        DataDir = "/w/tf",
        PlanFile = "/w/plan.tfplan",
        LockTimeout = "90s",
    };

    [Fact]
    public void Options_come_before_the_saved_plan_which_is_last()
    {
        Assert.Equal(
            new[] { "-chdir=/w/root", "apply", "-input=false", "-no-color", "-lock-timeout=90s", "/w/plan.tfplan" },
            Settings.ToArguments());
    }

    [Fact]
    public void Saved_plan_needs_no_auto_approve_and_takes_no_var_files()
    {
        var args = Settings.ToArguments();

        Assert.DoesNotContain("-auto-approve", args);
        Assert.DoesNotContain(args, a => a.StartsWith("-var", StringComparison.Ordinal));
    }
}
