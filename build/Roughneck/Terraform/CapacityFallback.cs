using System.Text.RegularExpressions;

namespace Roughneck.Terraform;

public enum RefusalKind
{
    /// <summary>No room for the type in the location now.</summary>
    Capacity,
    /// <summary>The type is not sold in the location.</summary>
    UnsupportedLocation,
    /// <summary>The type is deprecated or removed: it can no longer be ordered (there, or anywhere).</summary>
    Retired,
}

/// <summary>Why Hetzner refused a server, from the error text Terraform printed.</summary>
public sealed record Refusal(RefusalKind Kind, bool Everywhere, string Text);

/// <summary>
/// Hetzner sometimes cannot or will not create a server type in a location. Deploy then tries the
/// spec's fallback sizes and regions, in order: other sizes in the first region, then the next
/// region. Only errors whose text comes from Hetzner's API or its Terraform provider count.
/// </summary>
public static partial class CapacityFallback
{
    // Each pattern and where its text comes from:
    //  - "error during placement (resource_unavailable)": the API's answer when a location has no room
    //    (hcloud-go formats errors as "message (code)"; resource_unavailable is a documented code).
    //  - placement_error: hcloud-go ErrorCodePlacementError, "an error during the placement occurred".
    //  - "unsupported location for server type (invalid_input)": the API, for a type a location does not sell.
    //  - "Server Type \"x\" is unavailable in \"loc\" and can no longer be ordered" and "... in all locations
    //    ...": hcloud-go exp/deprecationutil, raised as an error by terraform-provider-hcloud's server create.
    //  - "server type x not found": terraform-provider-hcloud's server create when the API lists no such type.
    [GeneratedRegex(@"server type ""?(?<type>[a-z0-9]+)""? not found", RegexOptions.IgnoreCase)]
    private static partial Regex NotFound();

    [GeneratedRegex(@"Server Type ""(?<type>[^""]+)"" is (unavailable|deprecated) in (?<where>all locations|""[^""]+"")[^\n]*can no longer be ordered", RegexOptions.IgnoreCase)]
    private static partial Regex NoLongerOrdered();

    private static readonly string[] CapacitySignals = { "resource_unavailable", "error during placement", "placement_error" };
    private const string UnsupportedLocation = "unsupported location for server type";

    public static Refusal? Classify(string terraformError)
    {
        var line = (string needle) => terraformError.Split('\n').Select(l => l.Trim(' ', '│', '╷', '╵', '\r'))
            .Select(l => l.StartsWith("Error: ", StringComparison.Ordinal) ? l["Error: ".Length..] : l)
            .FirstOrDefault(l => l.Contains(needle, StringComparison.OrdinalIgnoreCase)) ?? needle;
        if (NoLongerOrdered().Match(terraformError) is { Success: true } retired)
        {
            return new Refusal(RefusalKind.Retired, retired.Groups["where"].Value.StartsWith("all", StringComparison.OrdinalIgnoreCase), retired.Value);
        }
        if (NotFound().Match(terraformError) is { Success: true } missing)
        {
            return new Refusal(RefusalKind.Retired, true, missing.Value);
        }
        if (terraformError.Contains(UnsupportedLocation, StringComparison.OrdinalIgnoreCase))
        {
            return new Refusal(RefusalKind.UnsupportedLocation, false, line(UnsupportedLocation));
        }
        var signal = CapacitySignals.FirstOrDefault(s => terraformError.Contains(s, StringComparison.OrdinalIgnoreCase));
        return signal is null ? null : new Refusal(RefusalKind.Capacity, false, line(signal));
    }

    public static bool IsCapacityError(string terraformError) => Classify(terraformError) is not null;

    public static IEnumerable<(string Region, string Size)> Candidates(
        string region, string size, IReadOnlyList<string> fallbackRegions, IReadOnlyList<string> fallbackSizes)
    {
        var regions = new[] { region }.Concat(fallbackRegions).Distinct();
        var sizes = new[] { size }.Concat(fallbackSizes).Distinct().ToList();
        return regions.SelectMany(r => sizes.Select(s => (r, s)));
    }

    /// <summary>
    /// The next (region, size) to try after the ones already tried, skipping sizes retired
    /// everywhere, or null when none is left.
    /// </summary>
    public static (string Region, string Size)? Next(
        string region, string size, IReadOnlyList<string> fallbackRegions, IReadOnlyList<string> fallbackSizes,
        IReadOnlyCollection<(string Region, string Size)> tried, IReadOnlyCollection<string>? retiredSizes = null)
    {
        foreach (var candidate in Candidates(region, size, fallbackRegions, fallbackSizes))
        {
            if (tried.Contains(candidate) || retiredSizes?.Contains(candidate.Size) == true) continue;
            return candidate;
        }
        return null;
    }
}
