using Roughneck.Deployments;
using Xunit;

namespace Roughneck.Tests.Unit;

public class NearestNameTests
{
    [Theory]
    [InlineData("sise", "size")]
    [InlineData("hetznr", "hetzner")]
    [InlineData("PROVIDER", "provider")]
    [InlineData("regoin", "region")]
    public void Near_miss_finds_the_name(string input, string expected)
    {
        Assert.Equal(expected, NearestName.Find(input, new[] { "name", "provider", "region", "size", "image", "hetzner" }));
    }

    [Fact]
    public void Far_miss_suggests_nothing()
    {
        Assert.Null(NearestName.Find("kubernetes", new[] { "size", "region" }));
    }

    [Fact]
    public void No_candidates_suggests_nothing()
    {
        Assert.Null(NearestName.Find("size", Array.Empty<string>()));
    }

    [Fact]
    public void First_of_equally_near_candidates_wins()
    {
        Assert.Equal("cx23", NearestName.Find("cx13", new[] { "cx23", "cx33" }));
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    [InlineData("prot", "port", 2)]
    public void Distance_is_levenshtein(string a, string b, int distance)
    {
        Assert.Equal(distance, NearestName.Distance(a, b));
    }
}
