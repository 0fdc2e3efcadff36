using Roughneck.Deployments;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>ansible/features.yml, the single list of features, as the library reads it.</summary>
public class FeatureCatalogTests
{
    [Fact]
    public void Every_feature_has_a_role_folder_and_a_description()
    {
        foreach (var feature in Catalogs.Features.Features)
        {
            Assert.True(Directory.Exists(RepoRoot.Combine("ansible", "roles", feature.Role)), $"{feature.Name}: no roles/{feature.Role}");
            Assert.False(string.IsNullOrWhiteSpace(feature.Description), feature.Name);
        }
    }

    [Fact]
    public void Requirements_name_existing_features()
    {
        foreach (var feature in Catalogs.Features.Features)
        {
            Assert.All(feature.Requires, r => Assert.NotNull(Catalogs.Features.Find(r)));
        }
        Assert.Equal(new[] { "code_server" }, Catalogs.Features.Find("tls")!.Requires);
        Assert.Equal("caddy", Catalogs.Features.Find("tls")!.Role);
    }

    [Fact]
    public void Defaults_are_read()
    {
        Assert.True(Catalogs.Features.Find("docker")!.Default);
        Assert.False(Catalogs.Features.Find("k9s")!.Default);
    }

    [Fact]
    public void Missing_feature_list_is_a_spec_problem()
    {
        var error = Assert.Throws<SpecException>(() => FeatureCatalog.Load("/nonexistent/features.yml"));

        Assert.Contains("the feature list is missing", error.Message, StringComparison.Ordinal);
    }
}
