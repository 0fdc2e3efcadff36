using Roughneck.Processes;
using Xunit;

namespace Roughneck.Tests.Unit;

public class ChildEnvironmentTests
{
    private static readonly string[] Inherited = { "PATH", "HOME", "HCLOUD_TOKEN", "DIGITALOCEAN_TOKEN", "DIGITALOCEAN_ACCESS_TOKEN", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "ROUGHNECK_SECRET_DNS_TOKEN" };

    [Fact]
    public void Every_cloud_token_is_unset_for_an_ordinary_child()
    {
        var env = ChildEnvironment.For(new ProcessSpec("ansible-playbook", Array.Empty<string>()), Inherited);

        foreach (var name in new[] { "HCLOUD_TOKEN", "DIGITALOCEAN_TOKEN", "DIGITALOCEAN_ACCESS_TOKEN", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE" })
        {
            Assert.True(env.ContainsKey(name), name + " must be unset explicitly");
            Assert.Null(env[name]);
        }
        Assert.False(env.ContainsKey("PATH"));
        Assert.False(env.ContainsKey("ROUGHNECK_SECRET_DNS_TOKEN")); // the roles' secrets are passed on purpose
    }

    [Fact]
    public void Terraform_keeps_what_it_inherits()
    {
        var spec = new ProcessSpec("terraform", Array.Empty<string>(), Environment: new Dictionary<string, string?> { ["TF_IN_AUTOMATION"] = "1" })
        {
            InheritsCloudTokens = true,
        };

        var env = ChildEnvironment.For(spec, Inherited);

        Assert.Equal(new[] { "TF_IN_AUTOMATION" }, env.Keys);
    }

    [Fact]
    public void A_token_a_spec_passes_explicitly_is_kept()
    {
        var spec = new ProcessSpec("x", Array.Empty<string>(), Environment: new Dictionary<string, string?> { ["HCLOUD_TOKEN"] = "given" });

        Assert.Equal("given", ChildEnvironment.For(spec, Inherited)["HCLOUD_TOKEN"]);
    }
}
