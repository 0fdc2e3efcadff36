using Roughneck.Terraform;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>TerraformSettings.ToEnvironment: what every terraform process gets besides its arguments.</summary>
public class TerraformEnvironmentTests
{
    private static TerraformOutputSettings Settings(string dataDir) => new() { WorkingDirectory = "/w/root", DataDir = dataDir };

    [Fact]
    public void Absolute_data_dir_and_automation_settings()
    {
        var env = Settings("/w/tf").ToEnvironment();

        Assert.Equal("/w/tf", env["TF_DATA_DIR"]);
        Assert.Equal("1", env["TF_IN_AUTOMATION"]);
        Assert.Equal("0", env["TF_INPUT"]);
        Assert.Equal("1", env["CHECKPOINT_DISABLE"]);
        Assert.False(env.ContainsKey("TF_CLI_CONFIG_FILE"));
    }

    [Fact]
    public void Relative_data_dir_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Settings("deployments/demo/.roughneck/tf").ToEnvironment());

        Assert.Contains("TF_DATA_DIR must be absolute", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_config_file_is_passed_when_set()
    {
        var env = (Settings("/w/tf") with { CliConfigFile = "/repo/build/.cache/terraform.tfrc" }).ToEnvironment();

        Assert.Equal("/repo/build/.cache/terraform.tfrc", env["TF_CLI_CONFIG_FILE"]);
    }

    [Fact]
    public void Secrets_are_in_the_environment_and_in_no_argument_of_any_verb()
    {
        var secrets = new Dictionary<string, string> { ["HCLOUD_TOKEN"] = "hc-token-0123456789" };
        TerraformSettings[] verbs =
        {
            new TerraformInitSettings { WorkingDirectory = "/w", DataDir = "/w/tf", SecretEnvironment = secrets },
            new TerraformPlanSettings { WorkingDirectory = "/w", DataDir = "/w/tf", OutFile = "/w/p", SecretEnvironment = secrets },
            new TerraformApplySettings { WorkingDirectory = "/w", DataDir = "/w/tf", PlanFile = "/w/p", SecretEnvironment = secrets },
            new TerraformShowSettings { WorkingDirectory = "/w", DataDir = "/w/tf", PlanFile = "/w/p", SecretEnvironment = secrets },
            new TerraformOutputSettings { WorkingDirectory = "/w", DataDir = "/w/tf", SecretEnvironment = secrets },
            new TerraformDestroySettings { WorkingDirectory = "/w", DataDir = "/w/tf", SecretEnvironment = secrets },
        };

        foreach (var verb in verbs)
        {
            Assert.Equal("hc-token-0123456789", verb.ToEnvironment()["HCLOUD_TOKEN"]);
            Assert.DoesNotContain(verb.ToArguments(), a => a.Contains("hc-token", StringComparison.Ordinal));
            Assert.StartsWith("-chdir=", verb.ToArguments()[0], StringComparison.Ordinal);
        }
    }
}
