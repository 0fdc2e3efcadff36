using Roughneck.Deployments;
using Roughneck.Targets;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit.Fleet;

/// <summary>The fleet options as RoughneckArguments parses them: each refusal names the argument.</summary>
public class FleetOptionsTests
{
    private static RoughneckArguments Parse(params (string Name, string Value)[] arguments) =>
        RoughneckArguments.Parse(Specs.Env(arguments), Catalogs.Schema);

    private static SpecProblem Refused(params (string Name, string Value)[] arguments) =>
        Assert.Single(Assert.Throws<SpecException>(() => Parse(arguments)).Problems);

    [Fact]
    public void Defaults_are_one_deployment_the_core_count_at_most_four_no_fail_fast_no_force()
    {
        var fleet = Parse().Fleet;
        Assert.False(fleet.All);
        Assert.Empty(fleet.Tags);
        Assert.Equal(Math.Min(Environment.ProcessorCount, 4), fleet.Parallel);
        Assert.InRange(fleet.Parallel, 1, 4);
        Assert.False(fleet.FailFast);
        Assert.False(fleet.Force);
        Assert.False(fleet.DeploymentGiven);
    }

    [Fact]
    public void Every_option_is_read()
    {
        var fleet = Parse(("all", ""), ("tags", "team:agents,tier:prod"), ("parallel", "3"), ("fail-fast", "true"), ("force", "")).Fleet;
        Assert.True(fleet.All);
        Assert.Equal(new[] { "team=agents", "tier=prod" }, fleet.Tags.Select(t => t.Key + "=" + t.Value));
        Assert.Equal(3, fleet.Parallel);
        Assert.True(fleet.FailFast);
        Assert.True(fleet.Force);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("17")]
    [InlineData("four")]
    [InlineData("-2")]
    public void Parallel_outside_1_to_16_is_refused(string value)
    {
        var problem = Refused(("parallel", value));
        Assert.Equal("argument --parallel", problem.Source);
        Assert.Contains($"found '{value}'", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("team")]
    [InlineData("team:")]
    [InlineData(":agents")]
    public void Tags_must_be_key_colon_value(string value)
    {
        var problem = Refused(("tags", value));
        Assert.Equal("argument --tags", problem.Source);
        Assert.Contains("key:value", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_and_deployment_exclude_each_other()
    {
        var problem = Refused(("all", "true"), ("deployment", "gastown-eu"));
        Assert.Contains("exclude each other", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_fleet_option_is_refused_with_a_suggestion()
    {
        Assert.Equal("--parallel", Refused(("paralel", "2")).Suggestion);
        Assert.Equal("--fail-fast", Refused(("failfast", "true")).Suggestion);
    }
}
