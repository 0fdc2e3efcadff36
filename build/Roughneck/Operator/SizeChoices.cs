using System.Globalization;
using Roughneck.Deployments;

namespace Roughneck.Operator;

/// <summary>A provider's sizes sorted by monthly price, and where the prices come from.</summary>
public sealed record SizeChoices(IReadOnlyList<SizeInfo> Sizes, string Currency, string Source)
{
    public static SizeChoices FromCatalog(ProviderInfo provider) => new(
        provider.Sizes.Values.OrderBy(s => s.Monthly).ThenBy(s => s.Vcpus).ThenBy(s => s.Name, StringComparer.Ordinal).ToList(),
        provider.Currency,
        $"dated catalog (terraform/catalog.yml, prices as of {provider.AsOf})");

    public string Describe(SizeInfo size) => string.Create(CultureInfo.InvariantCulture,
        $"{size.Name,-12} {size.Arch,-6} {size.Vcpus,3} vCPU {size.MemoryGb,6:0.#} GB {size.Monthly,9:0.00} {Currency}/month");
}
