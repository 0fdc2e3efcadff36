using Roughneck.Terraform;
using Xunit;

namespace Roughneck.Tests.Unit;

public class TerraformExceptionTests
{
    // What terraform -no-color writes to stderr for two diagnostics.
    private const string Stderr =
        "╷\n" +
        "│ Error: creating server: server type cx33 is unavailable in this location (resource_unavailable)\n" +
        "│ \n" +
        "│   with module.deployment.hcloud_server.this,\n" +
        "│   on ../../../../terraform/providers/hetzner/main.tf line 40, in resource \"hcloud_server\" \"this\":\n" +
        "│   40: resource \"hcloud_server\" \"this\" {\n" +
        "╵\n" +
        "╷\n" +
        "│ Warning: Deprecated attribute\n" +
        "╵\n" +
        "Error: Failed to load plugin schemas\n";

    [Fact]
    public void Message_holds_only_the_error_lines()
    {
        var error = new TerraformException("apply", 1, Stderr);

        Assert.Equal(
            "terraform apply failed (exit 1): Error: creating server: server type cx33 is unavailable in this location (resource_unavailable); Error: Failed to load plugin schemas",
            error.Message);
        Assert.Equal(Stderr, error.StandardError);
    }

    [Fact]
    public void Without_error_lines_the_message_is_just_the_exit()
    {
        Assert.Equal("terraform init failed (exit 1)", new TerraformException("init", 1, "something odd\n").Message);
    }

    [Fact]
    public void Repeated_errors_are_listed_once_and_at_most_three()
    {
        var stderr = string.Join("\n", "Error: a", "Error: a", "Error: b", "Error: c", "Error: d");

        Assert.Equal("terraform plan failed (exit 1): Error: a; Error: b; Error: c", new TerraformException("plan", 1, stderr).Message);
    }
}
