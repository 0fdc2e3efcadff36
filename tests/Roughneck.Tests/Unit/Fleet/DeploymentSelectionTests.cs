using Roughneck.Deployments;
using Roughneck.Fleet;
using Xunit;

namespace Roughneck.Tests.Unit.Fleet;

/// <summary>--deployment lists and globs, --all and --tags resolved against the deployments that exist.</summary>
public class DeploymentSelectionTests
{
    private static readonly string[] Existing = { "gastown-ap", "gastown-eu", "gastown-us", "local-demo", "local-full" };

    private static readonly Dictionary<string, Dictionary<string, string>> Tags = new()
    {
        ["gastown-eu"] = new() { ["team"] = "agents", ["tier"] = "prod" },
        ["gastown-us"] = new() { ["team"] = "agents" },
        ["local-full"] = new() { ["team"] = "ci" },
    };

    private static FleetOptions Options(bool all = false, bool given = true, params (string, string)[] tags) =>
        FleetOptions.Default with { All = all, DeploymentGiven = given, Tags = tags.Select(t => new KeyValuePair<string, string>(t.Item1, t.Item2)).ToList() };

    private static IReadOnlyList<string> Resolve(string deployment, FleetOptions options, bool matrix = false) =>
        DeploymentSelection.Resolve(deployment, options, Existing,
            name => Tags.TryGetValue(name, out var t) ? t : new Dictionary<string, string>(), matrix);

    [Fact]
    public void A_comma_separated_list_keeps_each_name_once_in_name_order()
    {
        Assert.Equal(new[] { "gastown-eu", "local-demo" }, Resolve("local-demo, gastown-eu,local-demo", Options()));
    }

    [Fact]
    public void A_glob_selects_every_matching_name()
    {
        Assert.Equal(new[] { "gastown-ap", "gastown-eu", "gastown-us" }, Resolve("gastown-*", Options()));
        Assert.Equal(new[] { "gastown-eu", "gastown-us" }, Resolve("gastown-[eu]?", Options()));
        Assert.Equal(new[] { "gastown-ap", "local-demo" }, Resolve("gastown-a?,local-d*", Options()));
    }

    [Fact]
    public void All_selects_every_deployment_and_tags_narrow_it()
    {
        Assert.Equal(Existing, Resolve("local-demo", Options(all: true, given: false)));
        Assert.Equal(new[] { "gastown-eu", "gastown-us" }, Resolve("local-demo", Options(all: true, given: false, ("team", "agents"))));
        Assert.Equal(new[] { "gastown-eu" }, Resolve("", Options(given: false, tags: new[] { ("team", "agents"), ("tier", "prod") })));
    }

    [Fact]
    public void Tags_narrow_a_glob()
    {
        Assert.Equal(new[] { "gastown-us", "gastown-eu" }.Order(), Resolve("gastown-*", Options(tags: ("team", "agents"))));
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_nearest_one()
    {
        var problem = Assert.Single(Assert.Throws<SpecException>(() => Resolve("gastown-ey,local-demo", Options())).Problems);
        Assert.Equal("argument --deployment", problem.Source);
        Assert.Contains("no deployment named 'gastown-ey'", problem.Message, StringComparison.Ordinal);
        Assert.Equal("gastown-eu", problem.Suggestion);
    }

    [Fact]
    public void A_glob_matching_nothing_is_refused()
    {
        var problem = Assert.Single(Assert.Throws<SpecException>(() => Resolve("prod-*", Options())).Problems);
        Assert.Contains("'prod-*' matches no deployment", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tags_matching_nothing_are_refused_except_for_Matrix_which_prints_an_empty_matrix()
    {
        var problem = Assert.Single(Assert.Throws<SpecException>(() => Resolve("", Options(given: false, tags: ("team", "nobody")))).Problems);
        Assert.Contains("team:nobody", problem.Message, StringComparison.Ordinal);
        Assert.Empty(Resolve("", Options(given: false, tags: ("team", "nobody")), matrix: true));
    }

    [Fact]
    public void Matrix_without_a_selection_takes_every_deployment()
    {
        Assert.Equal(Existing, Resolve("local-demo", Options(given: false), matrix: true));
    }

    [Theory]
    [InlineData("local-demo", false, false, false)]
    [InlineData("a,b", false, false, true)]
    [InlineData("gastown-*", false, false, true)]
    [InlineData("gastown-?", false, false, true)]
    [InlineData("local-demo", true, false, true)]
    [InlineData("local-demo", false, true, true)]
    public void Many_is_a_list_a_glob_all_or_tags(string deployment, bool all, bool tags, bool many)
    {
        Assert.Equal(many, FleetOptions.SelectsMany(deployment, all, tags));
    }
}
