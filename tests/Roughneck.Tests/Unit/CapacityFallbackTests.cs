using Roughneck.Terraform;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>Hetzner capacity errors and the order of the (region, size) pairs tried instead.</summary>
public class CapacityFallbackTests
{
    [Theory]
    [InlineData("Error: server type cx33 is unavailable in this location (resource_unavailable, 7d1c2b0e)")]
    [InlineData("│ Error: error during placement (resource_unavailable, a1b2c3)")]
    [InlineData("Error: unsupported location for server type (invalid_input, 42)")]
    [InlineData("Error: creating server: Server Type Is Unavailable")]
    [InlineData("hcloud: placement_error: no capacity")]
    public void Hetzner_capacity_errors_are_recognised(string stderr)
    {
        Assert.True(CapacityFallback.IsCapacityError(stderr));
    }

    [Theory]
    [InlineData("Error: unauthorized (unauthorized, 1a2b)")]
    [InlineData("Error: server name is already used (uniqueness_error, 9f)")]
    [InlineData("Error: rate limit exceeded (rate_limit_exceeded)")]
    [InlineData("Error: Invalid value for variable \"size\"")]
    [InlineData("")]
    public void Other_errors_are_not_capacity_errors(string stderr)
    {
        Assert.False(CapacityFallback.IsCapacityError(stderr));
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
