using Roughneck.Terraform;
using Xunit;

namespace Roughneck.Tests.Unit;

public class TerraformShowSettingsTests
{
    [Fact]
    public void Json_of_the_saved_plan()
    {
        var args = new TerraformShowSettings { WorkingDirectory = "/w/root", DataDir = "/w/tf", PlanFile = "/w/plan.tfplan" }.ToArguments();

        Assert.Equal(new[] { "-chdir=/w/root", "show", "-json", "-no-color", "/w/plan.tfplan" }, args);
    }
}
