using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit.Catalog;

/// <summary>A spec naming a removed type, or a type its region does not sell, is refused with what to order instead.</summary>
public class RetiredSizeSpecTests
{
    [Fact]
    public void A_removed_type_is_refused_naming_its_successor_file_line_and_key()
    {
        var error = Specs.Problems(Specs.Yaml("provider: hetzner", "size: cx22", "ssh:", "  allowed_cidrs: [203.0.113.0/24]"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("size", problem.Key);
        Assert.Equal(2, problem.Line);
        Assert.Equal("cx23", problem.Suggestion);
        Assert.Contains("'cx22' was removed by hetzner and can no longer be ordered; use cx23", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gen1_cpx_in_the_eu_is_refused_naming_the_gen2_successor()
    {
        var error = Specs.Problems(Specs.Yaml("provider: hetzner", "region: fsn1", "size: cpx31", "ssh:", "  allowed_cidrs: [203.0.113.0/24]"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("size", problem.Key);
        Assert.Equal("cpx32", problem.Suggestion);
        Assert.Contains("'cpx31' is not sold in fsn1 (only in ash, hil", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_type_where_it_is_still_sold_is_accepted()
    {
        var spec = Specs.Load(Specs.Yaml("provider: hetzner", "region: ash", "size: cpx31", "ssh:", "  allowed_cidrs: [203.0.113.0/24]"));

        Assert.Equal("cpx31", spec.Size);
    }

    [Fact]
    public void Cx_in_the_us_is_refused()
    {
        var error = Specs.Problems(Specs.Yaml("provider: hetzner", "region: ash", "size: cx23", "ssh:", "  allowed_cidrs: [203.0.113.0/24]"));

        Assert.Contains("'cx23' is not sold in ash", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_fallback_size_is_refused_too()
    {
        var error = Specs.Problems(Specs.Yaml("provider: hetzner", "fallback:", "  sizes: [cx32]", "ssh:", "  allowed_cidrs: [203.0.113.0/24]"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("fallback.sizes", problem.Key);
        Assert.Equal("cx33", problem.Suggestion);
    }
}
