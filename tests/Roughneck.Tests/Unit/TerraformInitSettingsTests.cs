using Roughneck.Terraform;
using Xunit;

namespace Roughneck.Tests.Unit;

public class TerraformInitSettingsTests
{
    private static TerraformInitSettings Settings() => new()
    {
        WorkingDirectory = "/repo/deployments/demo/.roughneck/root",
        DataDir = "/repo/deployments/demo/.roughneck/tf",
    };

    [Fact]
    public void Chdir_comes_first_then_the_verb()
    {
        var args = Settings().ToArguments();

        Assert.Equal("-chdir=/repo/deployments/demo/.roughneck/root", args[0]);
        Assert.Equal("init", args[1]);
    }

    [Fact]
    public void Never_asks_for_input_and_has_no_colour()
    {
        Assert.Equal(new[] { "-chdir=/repo/deployments/demo/.roughneck/root", "init", "-input=false", "-no-color", "-lock-timeout=60s" }, Settings().ToArguments());
    }

    [Fact]
    public void Backend_config_pairs_are_sorted_by_key()
    {
        var args = (Settings() with
        {
            BackendConfig = new Dictionary<string, string> { ["region"] = "eu-central-1", ["bucket"] = "state", ["key"] = "roughneck/demo.tfstate" },
        }).ToArguments();

        Assert.Equal(
            new[] { "-backend-config=bucket=state", "-backend-config=key=roughneck/demo.tfstate", "-backend-config=region=eu-central-1" },
            args.Where(a => a.StartsWith("-backend-config=", StringComparison.Ordinal)));
    }

    [Fact]
    public void Reconfigure_and_readonly_lockfile_when_asked()
    {
        var args = (Settings() with { Reconfigure = true, LockfileReadonly = true }).ToArguments();

        Assert.Contains("-reconfigure", args);
        Assert.Contains("-lockfile=readonly", args);
    }

    [Fact]
    public void Secrets_go_to_the_environment_only()
    {
        var settings = Settings() with { SecretEnvironment = new Dictionary<string, string> { ["PG_CONN_STR"] = "postgres://u:pw-123456@db/state" } };

        Assert.DoesNotContain(settings.ToArguments(), a => a.Contains("pw-123456", StringComparison.Ordinal));
        Assert.Equal("postgres://u:pw-123456@db/state", settings.ToEnvironment()["PG_CONN_STR"]);
    }
}
