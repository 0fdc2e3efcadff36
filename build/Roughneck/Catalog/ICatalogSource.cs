namespace Roughneck.Catalog;

/// <summary>Where a provider's catalog comes from: its API (live) or terraform/catalog.yml.</summary>
public interface ICatalogSource
{
    string Provider { get; }

    Task<CatalogSnapshot> FetchAsync(CancellationToken ct);
}
