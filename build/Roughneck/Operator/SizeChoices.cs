using System.Globalization;
using Roughneck.Catalog;
using Roughneck.Deployments;

namespace Roughneck.Operator;

/// <summary>The sizes New offers for a provider and region: orderable ones, cheapest first, and where the prices come from.</summary>
public sealed record SizeChoices(IReadOnlyList<CatalogRow> Rows, string Currency, string Source)
{
    /// <summary>Only sizes the validator accepts (catalog.yml) and the catalog says can be ordered there.</summary>
    public static SizeChoices From(CatalogView view, ProviderInfo validated)
    {
        var rows = view.Rows.Where(r => r.Available && validated.Sizes.ContainsKey(r.Name))
            .OrderBy(r => r.Monthly).ThenBy(r => r.Vcpus).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var source = view.Live
            ? $"live {view.Provider} API (as of {view.AsOf})"
            : $"dated catalog terraform/catalog.yml (as of {view.AsOf}; a token in the environment gives live prices)";
        return new SizeChoices(rows, view.Currency, source);
    }

    public string Describe(CatalogRow size) => string.Create(CultureInfo.InvariantCulture,
        $"{size.Name,-12} {size.Arch,-6} {size.Vcpus,3} vCPU {size.MemoryGb,6:0.#} GB {size.Monthly,9:0.00} {Currency}/month");
}
