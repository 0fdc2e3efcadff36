using Roughneck.Deployments;
using Xunit;
using static Roughneck.Tests.TestSupport.Specs;

namespace Roughneck.Tests.Unit;

/// <summary>ROUGHNECK_* variables override deployment.yaml; tool variables and everything else are left alone.</summary>
public class SpecLoaderEnvironmentTests
{
    private static readonly string Hetzner = Yaml("provider: hetzner", "ssh:", "  allowed_cidrs: [203.0.113.0/24]", "size: cx23");

    [Fact]
    public void Roughneck_size_overrides_the_yaml_and_records_the_variable_as_origin()
    {
        var spec = Load(Hetzner, Env(("ROUGHNECK_SIZE", "cx43")));

        Assert.Equal("cx43", spec.Size);
        Assert.Equal("environment ROUGHNECK_SIZE", spec.Origins["size"]);
    }

    [Fact]
    public void Non_numeric_ssh_port_names_the_variable()
    {
        var error = Problems(Hetzner, Env(("ROUGHNECK_SSH_PORT", "abc")));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("environment ROUGHNECK_SSH_PORT", problem.Source);
        Assert.Equal("ssh.port", problem.Key);
        Assert.Equal("expected a whole number, found 'abc'", problem.Message);
        Assert.StartsWith("environment ROUGHNECK_SSH_PORT: key 'ssh.port':", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Misspelt_variable_is_refused_with_the_nearest_setting()
    {
        var error = Problems(Hetzner, Env(("ROUGHNECK_SIZEE", "cx33")));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("ROUGHNECK_SIZEE", problem.Key);
        Assert.Contains("is not a Roughneck setting", problem.Message, StringComparison.Ordinal);
        Assert.Equal("ROUGHNECK_SIZE", problem.Suggestion);
    }

    [Fact]
    public void Semantic_problem_from_the_environment_points_at_the_variable_not_the_file()
    {
        var error = Problems(Hetzner, Env(("ROUGHNECK_REGION", "fsn2")));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("environment ROUGHNECK_REGION", problem.Source);
        Assert.Equal(0, problem.Line);
        Assert.Equal("fsn1", problem.Suggestion);
    }

    [Fact]
    public void Unrelated_variable_gets_no_far_fetched_suggestion()
    {
        // The shared ROUGHNECK_ prefix must not count towards "near": FOO is nothing like NAME.
        var error = Problems(Hetzner, Env(("ROUGHNECK_FOO", "1")));

        Assert.Null(Assert.Single(error.Problems).Suggestion);
    }

    [Theory]
    [InlineData("ROUGHNECK_NO_INSTALL")]
    [InlineData("ROUGHNECK_LOCK_WAIT")]
    [InlineData("ROUGHNECK_SANDBOX_DIR")]
    [InlineData("ROUGHNECK_TEST_FILTER")]
    [InlineData("ROUGHNECK_DEPLOYMENTS_DIR")]
    [InlineData("ROUGHNECK_SECRET_DNS_TOKEN")]
    public void Tool_variables_are_not_deployment_settings(string variable)
    {
        var spec = Load(Hetzner, Env((variable, "1")));

        Assert.DoesNotContain(spec.Origins.Values, o => o.Contains(variable, StringComparison.Ordinal));
    }

    /// <summary>Variables other parts of Roughneck read; a run with one of them set must not be refused.</summary>
    [Theory]
    [InlineData("ROUGHNECK_VERBOSE")]                 // Targets/Session.cs: verbose log
    [InlineData("ROUGHNECK_SANDBOX_KEEP_FAILED")]     // terraform/providers/local/scripts/sandbox-up.sh
    [InlineData("ROUGHNECK_DEBIAN_SECURITY_MIRROR")]  // terraform/providers/local/scripts/rootfs-cache.sh
    public void Variables_read_elsewhere_in_roughneck_are_tool_variables(string variable)
    {
        Assert.True(ToolEnvironment.IsToolVariable(variable), $"{variable} is read by Roughneck but missing from ToolEnvironment.Known");
        Load(Hetzner, Env((variable, "1")));
    }

    [Fact]
    public void Variables_without_the_roughneck_prefix_are_ignored()
    {
        var spec = Load(Hetzner, Env(("SIZE", "cx53"), ("HCLOUD_TOKEN", "x"), ("PATH", "/usr/bin")));

        Assert.Equal("cx23", spec.Size);
    }

    [Fact]
    public void List_variable_is_split_on_commas()
    {
        var spec = Load(Hetzner, Env(("ROUGHNECK_SSH_ALLOWED_CIDRS", "198.51.100.0/24, 2001:db8::/32")));

        Assert.Equal(new[] { "198.51.100.0/24", "2001:db8::/32" }, spec.Ssh.AllowedCidrs);
    }

    [Fact]
    public void Feature_variable_switches_the_feature()
    {
        var spec = Load(Hetzner, Env(("ROUGHNECK_FEATURES_DOCKER", "false")));

        Assert.False(spec.FeatureOn("docker"));
    }

    [Fact]
    public void Feature_variable_written_yes_says_write_true()
    {
        var error = Problems(Hetzner, Env(("ROUGHNECK_FEATURES_DOCKER", "yes")));

        Assert.Equal("expected true or false, found 'yes'; write true", Assert.Single(error.Problems).Message);
    }

    [Fact]
    public void Maps_cannot_be_set_from_the_environment()
    {
        var error = Problems(Hetzner, Env(("ROUGHNECK_TAGS", "team=dev")));

        Assert.Equal("ROUGHNECK_TAGS", Assert.Single(error.Problems).Key);
    }
}
