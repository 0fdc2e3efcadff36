using Roughneck.Deployments;
using Roughneck.Targets;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit.Catalog;

/// <summary>The Catalog target's arguments: --provider, --region, --refresh, and nothing else.</summary>
public class CatalogArgumentsTests
{
    private static Session Create(params (string Name, string Value)[] arguments) =>
        Session.Create(RepoRoot.Path, Specs.Env(arguments), new Dictionary<string, string>());

    [Fact]
    public void Catalog_takes_provider_and_region_without_a_deployment()
    {
        using var session = Create(("target", "Catalog"), ("provider", "hetzner"), ("region", "ash"));

        Assert.Equal("hetzner", session.Arguments.SpecOverrides["provider"]);
        Assert.Equal("ash", session.Arguments.SpecOverrides["region"]);
    }

    [Fact]
    public void Another_spec_setting_is_refused_for_catalog()
    {
        var error = Assert.Throws<SpecException>(() => Create(("target", "Catalog"), ("provider", "hetzner"), ("size", "cx33")));

        Assert.Contains("target Catalog takes only --provider, --region and --refresh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refresh_belongs_to_catalog_only()
    {
        var error = Assert.Throws<SpecException>(() => RoughneckArguments.Parse(Specs.Env(("target", "Plan"), ("refresh", "")), Catalogs.Schema));
        Assert.Contains("only the Catalog target takes --refresh", error.Message, StringComparison.Ordinal);

        Assert.True(RoughneckArguments.Parse(Specs.Env(("target", "Catalog"), ("refresh", "")), Catalogs.Schema).Refresh);
    }

    [Fact]
    public async Task An_unknown_region_names_the_nearest()
    {
        using var session = Create(("target", "Catalog"), ("provider", "hetzner"), ("region", "fsn"));

        var error = await Assert.ThrowsAsync<SpecException>(() => CatalogStep.RunAsync(session));

        Assert.Equal("fsn1", Assert.Single(error.Problems).Suggestion);
    }

    [Fact]
    public async Task A_missing_provider_lists_the_choices()
    {
        using var session = Create(("target", "Catalog"));

        var error = await Assert.ThrowsAsync<SpecException>(() => CatalogStep.RunAsync(session));

        Assert.Contains("target Catalog needs --provider, one of: local, hetzner, aws, digitalocean", error.Message, StringComparison.Ordinal);
    }
}
