using Roughneck.Deployments;
using Roughneck.Operator;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>New without a terminal: flags only, every missing value in one error, the YAML it writes loads back.</summary>
public class NewWizardTests
{
    private static NewWizard Wizard(string deploymentsDir) => new(Catalogs.Schema, Catalogs.Providers, deploymentsDir, prompts: null,
        (_, _) => throw new InvalidOperationException("without a terminal New never lists sizes"));

    private static Dictionary<string, string> Flags(params string[] pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    [Fact]
    public void Missing_values_are_one_error_listing_them_all()
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<SpecException>(() => Wizard(dir.Path).Run(null, Flags("provider=hetzner"), null));
        var problem = Assert.Single(error.Problems);
        foreach (var flag in new[] { "--deployment", "--region", "--size", "--ssh-allowed-cidrs" })
        {
            Assert.Contains(flag + "=", problem.Message);
        }
        Assert.DoesNotContain("--provider", problem.Message);
    }

    [Fact]
    public void Acme_needs_a_domain()
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<SpecException>(() => Wizard(dir.Path).Run("web", Flags(
            "provider=hetzner", "region=fsn1", "size=cx33", "ssh-allowed-cidrs=203.0.113.0/24", "features-tls=true", "tls-mode=acme_http"), null));
        Assert.Contains("--tls-domain=", Assert.Single(error.Problems).Message);
    }

    [Fact]
    public void Existing_spec_is_refused_before_anything_is_asked()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "taken"));
        File.WriteAllText(Path.Combine(dir.Path, "taken", "deployment.yaml"), "provider: local\n");
        var error = Assert.Throws<SpecException>(() => Wizard(dir.Path).Run("taken", Flags("provider=local"), null));
        Assert.Contains("exists already", error.Message);
        Assert.Equal("provider: local\n", File.ReadAllText(Path.Combine(dir.Path, "taken", "deployment.yaml")));
    }

    [Fact]
    public void Flags_become_a_spec_that_loads_back_with_the_same_values()
    {
        using var dir = new TempDirectory();
        var answers = Wizard(dir.Path).Run("eu-one", Flags(
            "provider=hetzner", "region=nbg1", "size=cax21", "ssh-allowed-cidrs=203.0.113.0/24,2001:db8::/48",
            "features-k9s=true", "features-docker=false", "ssh-port=2222"), new Dictionary<string, string> { ["team"] = "agents", ["env"] = "prod" });
        var yaml = SpecYamlWriter.Write(Catalogs.Schema, answers.Name, answers.Values, "test", "../../docs/deployment.schema.json");
        var spec = Specs.Loader().LoadText("eu-one", "x", yaml, Specs.None, Specs.None);
        Assert.Equal(("hetzner", "nbg1", "cax21", 2222), (spec.Provider, spec.Region, spec.Size, spec.Ssh.Port));
        Assert.Equal(new[] { "203.0.113.0/24", "2001:db8::/48" }, spec.Ssh.AllowedCidrs);
        Assert.True(spec.FeatureOn("k9s"));
        Assert.False(spec.FeatureOn("docker"));
        Assert.Equal("agents", spec.Tags["team"]);
        Assert.Contains("\n# Who logs in and from where.", yaml);
        Assert.StartsWith("# yaml-language-server: $schema=../../docs/deployment.schema.json\n", yaml);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("2001:db8::/32", "\"2001:db8::/32\"")]
    [InlineData("12", "\"12\"")]
    [InlineData("a \"b\"", "\"a \\\"b\\\"\"")]
    [InlineData("", "\"\"")]
    public void Scalars_are_quoted_when_yaml_would_read_them_otherwise(string text, string expected) =>
        Assert.Equal(expected, SpecYamlWriter.Scalar(text));

    [Fact]
    public void Bad_tags_name_the_pair()
    {
        var error = Assert.Throws<SpecException>(() => NewWizard.ParseTags("team:a,oops", "answer"));
        Assert.Contains("'oops' is not key:value", error.Message);
    }

    [Theory]
    [InlineData("203.0.113.7/32, 2001:db8::/48", null)]
    [InlineData("", "at least one CIDR")]
    [InlineData("everyone", "'everyone' is not a CIDR")]
    public void Cidr_answers_are_checked(string answer, string? error)
    {
        var message = NewWizard.CheckCidrs(answer);
        if (error is null) Assert.Null(message);
        else Assert.Contains(error, message);
    }
}
