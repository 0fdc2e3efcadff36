using Roughneck.Deployments;
using Roughneck.Tests.TestSupport;
using Xunit;
using static Roughneck.Tests.TestSupport.Specs;

namespace Roughneck.Tests.Unit;

/// <summary>What a spec holds when deployment.yaml says only where it runs.</summary>
public class SpecLoaderDefaultsTests
{
    [Theory]
    [InlineData("hetzner", "fsn1", "cx33", "ubuntu-24.04")]
    [InlineData("aws", "us-east-1", "t3.medium", "ubuntu-24.04")]
    [InlineData("digitalocean", "nyc1", "s-2vcpu-4gb", "ubuntu-24-04-x64")]
    [InlineData("local", "local", "standard", "debian-13")]
    public void Provider_defaults_come_from_the_catalog(string provider, string region, string size, string image)
    {
        var spec = provider == "local" ? Local() : Cloud(provider);

        Assert.Equal(provider, spec.Provider);
        Assert.Equal(region, spec.Region);
        Assert.Equal(size, spec.Size);
        Assert.Equal(image, spec.Image);
        // The state bucket's region follows the machine's only on AWS; elsewhere it must be given.
        Assert.Equal(provider == "aws" ? region : "", spec.State.Region);
    }

    [Fact]
    public void Without_provider_the_deployment_is_local()
    {
        var spec = Load(Yaml("ssh:", "  user: dev"));

        Assert.True(spec.IsLocal);
        Assert.Equal("standard", spec.Size);
    }

    [Fact]
    public void Common_defaults()
    {
        var spec = Local();

        Assert.Equal("demo", spec.Name);
        Assert.Equal(Source, spec.Origins["name"]);
        Assert.Equal(new SshSettings("roughneck", 22, Array.Empty<string>()), spec.Ssh with { AllowedCidrs = Array.Empty<string>() });
        Assert.Empty(spec.Ssh.AllowedCidrs);
        Assert.Equal(new[] { "claude", "codex", "gemini", "copilot" }, spec.AiClis);
        Assert.Equal(new TlsSettings("self_signed", "", "", ""), spec.Tls);
        Assert.Equal("local", spec.State.Backend);
        Assert.Equal("roughneck/demo.tfstate", spec.State.Key);
        Assert.Equal("roughneck_demo", spec.State.Schema);
        Assert.Equal(new TerraformSettingsSpec("terraform", "60s"), spec.Terraform);
        Assert.False(spec.DockerUserInGroup);
        Assert.Empty(spec.Tags);
        Assert.Empty(spec.AnsibleVars);
        Assert.Empty(spec.FallbackSizes);
    }

    [Fact]
    public void Feature_defaults_follow_features_yml()
    {
        var spec = Local();

        Assert.Equal(Catalogs.Features.Features.Select(f => f.Name), spec.Features.Keys);
        foreach (var feature in Catalogs.Features.Features)
        {
            Assert.True(spec.FeatureOn(feature.Name) == feature.Default, $"feature {feature.Name}");
        }
        Assert.False(spec.FeatureOn("tls"));
        Assert.True(spec.FeatureOn("docker"));
    }

    [Fact]
    public void Schema_default_replaces_hyphens_of_the_name()
    {
        var spec = Load(Yaml("provider: local"), folder: "my-box");

        Assert.Equal("roughneck_my_box", spec.State.Schema);
        Assert.Equal("roughneck/my-box.tfstate", spec.State.Key);
    }

    [Fact]
    public void Empty_value_keeps_the_default()
    {
        var spec = Load(Yaml("provider: local", "ssh:", "  port:", "size: ~"));

        Assert.Equal(22, spec.Ssh.Port);
        Assert.Equal("standard", spec.Size);
    }

    [Fact]
    public void Committed_deployments_are_valid()
    {
        foreach (var name in DeploymentDirectory.Names(RepoRoot.Combine("deployments")))
        {
            var spec = new SpecLoader(Catalogs.Schema, Catalogs.Providers, RepoRoot.Combine("deployments")).Load(name, None, None);
            Assert.Equal(name, spec.Name);
        }
    }
}
