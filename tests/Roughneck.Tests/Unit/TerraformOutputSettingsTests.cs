using Roughneck.Terraform;
using Xunit;

namespace Roughneck.Tests.Unit;

public class TerraformOutputSettingsTests
{
    [Fact]
    public void All_outputs_as_json()
    {
        var args = new TerraformOutputSettings { WorkingDirectory = "/w/root", DataDir = "/w/tf" }.ToArguments();

        Assert.Equal(new[] { "-chdir=/w/root", "output", "-json", "-no-color" }, args);
    }
}
