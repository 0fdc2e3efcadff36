using Roughneck.Deployments;

namespace Roughneck.Tests.TestSupport;

/// <summary>The repository's own feature list and provider catalog, loaded once.</summary>
public static class Catalogs
{
    private static readonly Lazy<FeatureCatalog> FeatureList = new(() => FeatureCatalog.Load(RepoRoot.Combine("ansible", "features.yml")));
    private static readonly Lazy<ProviderCatalog> ProviderList = new(() => ProviderCatalog.Load(RepoRoot.Combine("terraform", "catalog.yml")));
    private static readonly Lazy<SpecSchema> SchemaValue = new(() => new SpecSchema(FeatureList.Value));

    public static FeatureCatalog Features => FeatureList.Value;

    public static ProviderCatalog Providers => ProviderList.Value;

    public static SpecSchema Schema => SchemaValue.Value;
}
