using Roughneck.Deployments;
using Roughneck.Targets;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>The command line Cake hands over, checked before anything else runs.</summary>
public class RoughneckArgumentsTests
{
    private static RoughneckArguments Parse(params (string Name, string Value)[] arguments) =>
        RoughneckArguments.Parse(Specs.Env(arguments), Catalogs.Schema);

    private static SpecProblem Refused(params (string Name, string Value)[] arguments) =>
        Assert.Single(Assert.Throws<SpecException>(() => Parse(arguments)).Problems);

    [Fact]
    public void Defaults_without_arguments()
    {
        var parsed = Parse();

        Assert.Equal("Default", parsed.Target);
        Assert.Equal("local-demo", parsed.Deployment);
        Assert.False(parsed.Print);
        Assert.False(parsed.Json);
        Assert.False(parsed.Check);
        Assert.Equal(new[] { "apt", "ai_clis", "dev_tools" }, parsed.Only);
        Assert.Empty(parsed.SpecOverrides);
    }

    [Fact]
    public void Dry_run_is_refused_and_points_at_cakes_dryrun()
    {
        var problem = Refused(("dry-run", "true"));

        Assert.Equal("argument --dry-run", problem.Source);
        Assert.Contains("is not a Roughneck argument", problem.Message, StringComparison.Ordinal);
        Assert.Contains("--target=Help", problem.Message, StringComparison.Ordinal);
        Assert.Equal("--dryrun", problem.Suggestion);
    }

    [Fact]
    public void Misspelt_deployment_is_refused_with_a_suggestion()
    {
        var problem = Refused(("deploymnet", "x"));

        Assert.Equal("deploymnet", problem.Key);
        Assert.Equal("--deployment", problem.Suggestion);
    }

    [Fact]
    public void Underscored_spec_key_is_refused_in_favour_of_the_hyphenated_argument()
    {
        var problem = Refused(("ssh_port", "2222"));

        Assert.Equal("--ssh-port", problem.Suggestion);
    }

    [Fact]
    public void Map_keys_are_not_arguments()
    {
        var problem = Refused(("tags", "team=dev"));

        Assert.Equal("tags", problem.Key);
    }

    [Fact]
    public void Spec_overrides_are_collected_by_argument_name()
    {
        var parsed = Parse(("ssh-port", "2222"), ("size", "cx43"), ("features-docker", "false"), ("target", "Plan"));

        Assert.Equal(Specs.Env(("ssh-port", "2222"), ("size", "cx43"), ("features-docker", "false")), parsed.SpecOverrides);
        Assert.Equal("Plan", parsed.Target);
    }

    [Fact]
    public void Every_overridable_key_has_an_accepted_argument()
    {
        foreach (var key in Catalogs.Schema.Keys.Where(k => k.Overridable))
        {
            var parsed = Parse((key.ArgumentName, "x"));
            Assert.True(parsed.SpecOverrides.ContainsKey(key.ArgumentName), key.Path);
        }
    }

    [Fact]
    public void Only_accepts_a_subset_of_the_update_parts()
    {
        var parsed = Parse(("only", "ai_clis, apt"));

        Assert.Equal(new[] { "ai_clis", "apt" }, parsed.Only);
    }

    [Fact]
    public void Only_refuses_an_unknown_part_with_a_suggestion()
    {
        var problem = Refused(("only", "apt,ai_cli"));

        Assert.Equal("argument --only", problem.Source);
        Assert.Contains("'ai_cli' is not one of: apt, ai_clis, dev_tools", problem.Message, StringComparison.Ordinal);
        Assert.Equal("ai_clis", problem.Suggestion);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Flags_accept_empty_true_and_false(string value, bool expected)
    {
        var parsed = Parse(("check", value), ("print", value), ("json", value));

        Assert.Equal(expected, parsed.Check);
        Assert.Equal(expected, parsed.Print);
        Assert.Equal(expected, parsed.Json);
    }

    [Fact]
    public void Flag_with_another_value_is_refused()
    {
        var problem = Refused(("check", "yes"));

        Assert.Equal("expected true or false, found 'yes'", problem.Message);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var error = Assert.Throws<SpecException>(() => Parse(("deploymnet", "x"), ("only", "zzz"), ("print", "maybe")));

        Assert.Equal(3, error.Problems.Count);
    }
}
