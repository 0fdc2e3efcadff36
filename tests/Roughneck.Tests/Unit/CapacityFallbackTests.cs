using Roughneck.Terraform;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>Hetzner capacity errors and the order of the (region, size) pairs tried instead.</summary>
public class CapacityFallbackTests
{
    /// <summary>The real texts, as terraform prints them (sources in CapacityFallback's comments).</summary>
    [Theory]
    [InlineData("│ Error: error during placement (resource_unavailable, a1b2c3)", RefusalKind.Capacity, false)]
    [InlineData("Error: placement_error: an error during the placement occurred", RefusalKind.Capacity, false)]
    [InlineData("Error: unsupported location for server type (invalid_input, bc9224169cdd26ae67b84319c5433f1f)", RefusalKind.UnsupportedLocation, false)]
    [InlineData("Error: Server Type \"cpx11\" is unavailable in \"nbg1\" and can no longer be ordered", RefusalKind.Retired, false)]
    [InlineData("Error: Server Type \"cx11\" is unavailable in all locations and can no longer be ordered", RefusalKind.Retired, true)]
    [InlineData("│ Error: server type cpx31 not found", RefusalKind.Retired, true)]
    public void Hetzner_refusals_are_recognised_and_classified(string stderr, RefusalKind kind, bool everywhere)
    {
        var refusal = CapacityFallback.Classify(stderr);

        Assert.NotNull(refusal);
        Assert.Equal(kind, refusal.Kind);
        Assert.Equal(everywhere, refusal.Everywhere);
        Assert.True(CapacityFallback.IsCapacityError(stderr));
    }

    /// <summary>Texts the old list matched that no Hetzner source prints.</summary>
    [Theory]
    [InlineData("Error: creating server: Server Type Is Unavailable")]
    [InlineData("Error: server_type_unavailable")]
    [InlineData("Error: location disabled")]
    [InlineData("Error: server type cx33 is unavailable in this location")]
    public void Invented_texts_are_not_recognised(string stderr)
    {
        Assert.Null(CapacityFallback.Classify(stderr));
    }

    [Theory]
    [InlineData("Error: unauthorized (unauthorized, 1a2b)")]
    [InlineData("Error: server name is already used (uniqueness_error, 9f)")]
    [InlineData("Error: rate limit exceeded (rate_limit_exceeded)")]
    [InlineData("Error: Invalid value for variable \"size\"")]
    [InlineData("Error: image ubuntu-24.04 for architecture arm not found")]
    [InlineData("")]
    public void Other_errors_are_not_capacity_errors(string stderr)
    {
        Assert.False(CapacityFallback.IsCapacityError(stderr));
    }

    [Fact]
    public void Sizes_retired_everywhere_are_skipped()
    {
        var next = CapacityFallback.Next("fsn1", "cpx31", new[] { "nbg1" }, new[] { "cpx32" }, new[] { ("fsn1", "cpx31") }, new[] { "cpx31" });

        Assert.Equal(("fsn1", "cpx32"), next);
        Assert.Null(CapacityFallback.Next("fsn1", "cpx31", new[] { "nbg1" }, Array.Empty<string>(), new[] { ("fsn1", "cpx31") }, new[] { "cpx31" }));
    }

    [Fact]
    public void Candidates_try_the_sizes_in_one_region_before_the_next_region()
    {
        var candidates = CapacityFallback.Candidates("fsn1", "cx33", new[] { "nbg1", "hel1" }, new[] { "cpx31" });

        Assert.Equal(
            new[] { ("fsn1", "cx33"), ("fsn1", "cpx31"), ("nbg1", "cx33"), ("nbg1", "cpx31"), ("hel1", "cx33"), ("hel1", "cpx31") },
            candidates);
    }

    [Fact]
    public void Candidates_drop_repeats_of_the_spec_values()
    {
        var candidates = CapacityFallback.Candidates("fsn1", "cx33", new[] { "fsn1" }, new[] { "cx33", "cx43" });

        Assert.Equal(new[] { ("fsn1", "cx33"), ("fsn1", "cx43") }, candidates);
    }

    [Fact]
    public void Next_skips_the_pairs_already_tried()
    {
        var tried = new List<(string, string)> { ("fsn1", "cx33"), ("fsn1", "cpx31") };

        var next = CapacityFallback.Next("fsn1", "cx33", new[] { "nbg1" }, new[] { "cpx31" }, tried);

        Assert.Equal(("nbg1", "cx33"), next);
    }

    [Fact]
    public void Next_is_null_when_everything_was_tried()
    {
        var tried = new List<(string, string)> { ("fsn1", "cx33"), ("fsn1", "cpx31"), ("nbg1", "cx33"), ("nbg1", "cpx31") };

        Assert.Null(CapacityFallback.Next("fsn1", "cx33", new[] { "nbg1" }, new[] { "cpx31" }, tried));
    }

    [Fact]
    public void Without_fallbacks_there_is_nothing_after_the_first_try()
    {
        Assert.Null(CapacityFallback.Next("fsn1", "cx33", Array.Empty<string>(), Array.Empty<string>(), new[] { ("fsn1", "cx33") }));
    }
}
