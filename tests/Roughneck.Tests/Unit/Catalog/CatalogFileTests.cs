using System.Text.RegularExpressions;
using Roughneck.Catalog;
using Roughneck.Deployments;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit.Catalog;

/// <summary>terraform/catalog.yml is the one source: the Terraform allow-lists are generated from it and match it.</summary>
public class CatalogFileTests
{
    [Theory]
    [InlineData("hetzner")]
    [InlineData("aws")]
    [InlineData("digitalocean")]
    public void The_committed_catalog_tf_is_what_the_generator_writes_from_catalog_yml(string provider)
    {
        var committed = File.ReadAllText(RepoRoot.Combine("terraform", "providers", provider, TerraformAllowLists.FileName));

        Assert.True(TerraformAllowLists.Render(Catalogs.Providers.Find(provider)!) == committed,
            $"terraform/providers/{provider}/catalog.tf is stale: run ./build.sh --target=Catalog --refresh");
    }

    [Theory]
    [InlineData("hetzner")]
    [InlineData("aws")]
    [InlineData("digitalocean")]
    public void Terraform_accepts_exactly_the_catalogs_regions_and_sizes(string provider)
    {
        var module = RepoRoot.Combine("terraform", "providers", provider);
        var hcl = File.ReadAllText(Path.Combine(module, TerraformAllowLists.FileName));
        var info = Catalogs.Providers.Find(provider)!;

        Assert.Equal(info.Regions.Order(), AllowList(hcl, "region").Order());
        Assert.Equal(info.Sizes.Keys.Order(), AllowList(hcl, "size").Order());
        var variables = File.ReadAllText(Path.Combine(module, "variables.tf"));
        Assert.DoesNotMatch(@"variable ""(region|size)""", variables); // declared once, in the generated file
    }

    [Fact]
    public void A_changed_catalog_changes_the_generated_list()
    {
        var info = Catalogs.Providers.Find("hetzner")!;
        var fewer = info with { Sizes = info.Sizes.Where(s => s.Key != "cx23").ToDictionary() };

        Assert.Contains("cx23", AllowList(TerraformAllowLists.Render(info), "size"));
        Assert.DoesNotContain("cx23", AllowList(TerraformAllowLists.Render(fewer), "size"));
    }

    [Fact]
    public void Catalog_yml_is_in_the_layout_refresh_writes()
    {
        var text = File.ReadAllText(RepoRoot.Combine("terraform", "catalog.yml"));

        Assert.Equal(text, CatalogYaml.Render(ProviderCatalog.Load(RepoRoot.Combine("terraform", "catalog.yml"))));
    }

    [Fact]
    public void No_retired_hetzner_type_is_offered_where_it_is_retired()
    {
        var hetzner = Catalogs.Providers.Find("hetzner")!;

        foreach (var old in new[] { "cx22", "cx32", "cx42", "cx52" })
        {
            Assert.False(hetzner.Sizes.ContainsKey(old), old);
            Assert.True(hetzner.Removed.ContainsKey(old), old);
        }
        foreach (var gen1 in new[] { "cpx11", "cpx21", "cpx31", "cpx41", "cpx51" })
        {
            Assert.Equal(new[] { "ash", "hil" }, hetzner.Sizes[gen1].Regions);
            Assert.NotNull(hetzner.Sizes[gen1].ReplacedBy);
        }
        foreach (var gen2 in new[] { "cpx12", "cpx22", "cpx32", "cpx42", "cpx52", "cpx62" }) Assert.True(hetzner.Sizes.ContainsKey(gen2), gen2);
        foreach (var size in hetzner.Sizes.Values.Where(s => s.Name.StartsWith("cx", StringComparison.Ordinal) || s.Name.StartsWith("cax", StringComparison.Ordinal)))
        {
            Assert.False(size.SoldIn("ash") || size.SoldIn("hil") || size.SoldIn("sin"), size.Name);
        }
    }

    [Fact]
    public void Aws_carries_the_public_ipv4_charge()
    {
        var aws = Catalogs.Providers.Find("aws")!;

        Assert.Equal(0.005m, aws.Ipv4Hourly);
        Assert.Equal(3.65m, aws.Ipv4Monthly);
    }

    private static List<string> AllowList(string hcl, string variable)
    {
        var block = Regex.Match(hcl, $@"variable ""{variable}"" \{{.*?contains\(\[(?<list>.*?)\], var\.{variable}\)", RegexOptions.Singleline);
        Assert.True(block.Success, $"no allow-list for {variable}");
        return Regex.Matches(block.Groups["list"].Value, "\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
    }
}
