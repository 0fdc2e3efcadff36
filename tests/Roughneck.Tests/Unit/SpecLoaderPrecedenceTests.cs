using Xunit;
using static Roughneck.Tests.TestSupport.Specs;

namespace Roughneck.Tests.Unit;

/// <summary>Argument beats environment beats deployment.yaml beats the provider's default.</summary>
public class SpecLoaderPrecedenceTests
{
    private static string Spec(bool withSize) => withSize
        ? Yaml("provider: hetzner", "ssh:", "  allowed_cidrs: [203.0.113.0/24]", "size: cx23")
        : Yaml("provider: hetzner", "ssh:", "  allowed_cidrs: [203.0.113.0/24]");

    [Theory]
    [InlineData(true, "cx33", "cx43", "cx43", "argument --size")]
    [InlineData(true, "cx33", null, "cx33", "environment ROUGHNECK_SIZE")]
    [InlineData(true, null, null, "cx23", Source + ":4")]
    [InlineData(false, null, null, "cx33", null)]
    [InlineData(false, null, "cpx32", "cpx32", "argument --size")]
    public void Size_comes_from_the_strongest_layer_that_sets_it(bool inYaml, string? environment, string? argument, string expected, string? origin)
    {
        var env = environment is null ? None : Env(("ROUGHNECK_SIZE", environment));
        var args = argument is null ? None : Env(("size", argument));

        var spec = Load(Spec(inYaml), env, args);

        Assert.Equal(expected, spec.Size);
        Assert.Equal(origin, spec.Origins.GetValueOrDefault("size"));
    }

    [Fact]
    public void Hyphenated_argument_overrides_a_nested_key_set_in_the_environment()
    {
        var spec = Load(Spec(false), Env(("ROUGHNECK_SSH_PORT", "2200")), Env(("ssh-port", "2222")));

        Assert.Equal(2222, spec.Ssh.Port);
        Assert.Equal("argument --ssh-port", spec.Origins["ssh.port"]);
    }

    [Fact]
    public void Bad_argument_value_names_the_argument()
    {
        var error = Problems(Spec(false), overrides: Env(("ssh-port", "twenty-two")));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("argument --ssh-port", problem.Source);
        Assert.Equal("ssh.port", problem.Key);
    }

    [Fact]
    public void Argument_fixes_a_value_the_yaml_got_wrong()
    {
        var yaml = Yaml("provider: hetzner", "ssh:", "  allowed_cidrs: [203.0.113.0/24]", "region: fsn2");

        var spec = Load(yaml, overrides: Env(("region", "nbg1")));

        Assert.Equal("nbg1", spec.Region);
    }
}
