using System.Globalization;
using System.Text;
using Roughneck.Deployments;

namespace Roughneck.Catalog;

/// <summary>
/// Writes terraform/catalog.yml in its one layout (what --refresh writes and what is committed),
/// and turns a live snapshot into the file's provider entry.
/// </summary>
public static class CatalogYaml
{
    public const string Header = """
# Regions, sizes and list prices Roughneck knows per provider: the dated offline fallback of the
# live catalog (build/Roughneck/Catalog), and the one source of the Terraform allow-lists
# (terraform/providers/<p>/catalog.tf, generated from this file).
#
# Init validates a spec's region and size against this file, and Plan prices the deployment from
# the live catalog when a token is set, from this file otherwise. Prices are list prices without
# VAT or tax for the server alone (no traffic, volumes or snapshots); ipv4_* is the public IPv4
# address charged on top. A size's `regions` lists where it is sold (absent: every region);
# `replaced_by` names what to order where it is not sold; `removed` maps retired types to their
# successors. ./build.sh --target=Catalog --refresh rewrites this file from the APIs of the
# providers whose token is set, and the Terraform lists from this file. Edited by hand? Update
# `as_of` and `source`, then run --refresh (without tokens it only rewrites the Terraform lists).

""";

    public static string Render(ProviderCatalog catalog)
    {
        var text = new StringBuilder(Header);
        var first = true;
        foreach (var info in catalog.Providers.Values)
        {
            if (!first) text.Append('\n');
            first = false;
            Provider(text, info);
        }
        return text.ToString();
    }

    private static void Provider(StringBuilder text, ProviderInfo info)
    {
        text.Append(info.Name).Append(":\n");
        text.Append("  default_region: ").Append(info.DefaultRegion).Append('\n');
        text.Append("  default_size: ").Append(info.DefaultSize).Append('\n');
        text.Append("  default_image: ").Append(info.DefaultImage).Append('\n');
        text.Append("  currency: ").Append(info.Currency).Append('\n');
        text.Append("  as_of: ").Append(Quote(info.AsOf)).Append('\n');
        text.Append("  source: ").Append(Quote(info.Source)).Append('\n');
        text.Append("  ipv4_hourly: ").Append(Number(info.Ipv4Hourly)).Append('\n');
        text.Append("  ipv4_monthly: ").Append(Number(info.Ipv4Monthly)).Append('\n');
        text.Append("  regions: [").Append(string.Join(", ", info.Regions)).Append("]\n");
        if (info.Removed.Count > 0)
        {
            text.Append("  removed: {").Append(string.Join(", ", info.Removed.Select(r => $"{r.Key}: {r.Value}"))).Append("}\n");
        }
        text.Append("  sizes:\n");
        foreach (var size in info.Sizes.Values)
        {
            text.Append("    ").Append(size.Name).Append(": {arch: ").Append(size.Arch)
                .Append(", vcpus: ").Append(size.Vcpus.ToString(CultureInfo.InvariantCulture))
                .Append(", memory_gb: ").Append(size.MemoryGb.ToString(CultureInfo.InvariantCulture))
                .Append(", hourly: ").Append(Number(size.Hourly))
                .Append(", monthly: ").Append(Number(size.Monthly));
            if (size.Regions is not null) text.Append(", regions: [").Append(string.Join(", ", size.Regions)).Append(']');
            if (size.ReplacedBy is not null) text.Append(", replaced_by: ").Append(size.ReplacedBy);
            text.Append("}\n");
        }
    }

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// A live snapshot as the file's entry for that provider. Prices are those of the default
    /// region (other regions may differ; the live catalog has them); types deprecated everywhere
    /// become `removed`; a type sold only in some regions lists them and names a successor.
    /// </summary>
    public static ProviderInfo FromLive(ProviderInfo current, CatalogSnapshot live)
    {
        var sizes = new Dictionary<string, SizeInfo>(StringComparer.Ordinal);
        var removed = new Dictionary<string, string>(current.Removed, StringComparer.Ordinal);
        foreach (var type in live.Types.OrderBy(t => Family(t.Name), StringComparer.Ordinal).ThenBy(t => t.Vcpus).ThenBy(t => t.MemoryGb))
        {
            var orderable = type.Offers.Where(o => o.UnavailableAfter is null).ToList();
            if (orderable.Count == 0)
            {
                var successor = live.Regions.Select(r => SizeVerdict.SuggestFor(live, type, r)).FirstOrDefault(s => s is not null);
                if (successor is not null) removed[type.Name] = successor;
                continue;
            }
            removed.Remove(type.Name);
            var price = orderable.FirstOrDefault(o => o.Region == current.DefaultRegion)?.Price ?? orderable.OrderBy(o => o.Price.Monthly).First().Price;
            var regions = live.Regions.Where(r => orderable.Any(o => o.Region == r)).ToList();
            var retiredIn = type.Offers.Where(o => o.UnavailableAfter is not null).Select(o => o.Region).FirstOrDefault();
            sizes[type.Name] = new SizeInfo(type.Name, type.Arch, type.Vcpus, type.MemoryGb, price.Hourly, price.Monthly)
            {
                Regions = regions.Count == live.Regions.Count ? null : regions,
                ReplacedBy = retiredIn is null ? null : SizeVerdict.SuggestFor(live, type, retiredIn),
            };
        }
        if (!sizes.ContainsKey(current.DefaultSize))
        {
            throw new CatalogApiException($"{current.Name}'s default size {current.DefaultSize} is no longer sold; change default_size in terraform/catalog.yml first");
        }
        var ipv4 = live.Ipv4In(current.DefaultRegion);
        return current with
        {
            Currency = live.Currency,
            AsOf = live.AsOf,
            Source = $"{live.Source}, read by --target=Catalog --refresh on {live.AsOf}; prices of {current.DefaultRegion} (other regions may differ: the live catalog has them)",
            Regions = live.Regions.ToList(),
            Sizes = sizes,
            Ipv4Hourly = ipv4.Hourly,
            Ipv4Monthly = ipv4.Monthly,
            Removed = removed,
        };
    }

    private static string Family(string name) => new(name.TakeWhile(char.IsLetter).ToArray());
}
