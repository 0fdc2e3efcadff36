using Roughneck.Terraform;
using Xunit;

namespace Roughneck.Tests.Unit;

public class TerraformPlanSettingsTests
{
    private static TerraformPlanSettings Settings() => new()
    {
        WorkingDirectory = "/w/root",
        DataDir = "/w/tf",
        OutFile = "/w/plan.tfplan",
        VarFiles = new[] { "/w/tfvars.json", "/w/extra.tfvars.json" },
        LockTimeout = "5m",
    };

    [Fact]
    public void Full_argument_list_in_order()
    {
        Assert.Equal(
            new[]
            {
                "-chdir=/w/root", "plan", "-input=false", "-no-color", "-detailed-exitcode", "-lock-timeout=5m",
                "-var-file=/w/tfvars.json", "-var-file=/w/extra.tfvars.json", "-out=/w/plan.tfplan",
            },
            Settings().ToArguments());
    }

    [Fact]
    public void Destroy_plan_adds_destroy()
    {
        var args = (Settings() with { Destroy = true }).ToArguments();

        Assert.Contains("-destroy", args);
        Assert.DoesNotContain("-force", args);
    }

    [Fact]
    public void Lock_timeout_defaults_to_60s()
    {
        var args = new TerraformPlanSettings { WorkingDirectory = "/w", DataDir = "/w/tf", OutFile = "/w/p" }.ToArguments();

        Assert.Contains("-lock-timeout=60s", args);
        Assert.DoesNotContain(args, a => a.StartsWith("-var-file", StringComparison.Ordinal));
    }

    [Fact]
    public void Binary_is_not_an_argument()
    {
        var settings = Settings() with { Binary = "tofu" };

        Assert.Equal("tofu", settings.Binary);
        Assert.DoesNotContain("tofu", settings.ToArguments());
    }
}
