using System.Text.RegularExpressions;
using Roughneck.Fleet;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit.Fleet;

/// <summary>The chain a run over many deployments executes per deployment is build.cake's graph.</summary>
public class FleetChainTests
{
    [Fact]
    public void Each_chain_is_the_order_cake_runs_the_targets_dependencies_in()
    {
        var cake = File.ReadAllText(RepoRoot.Combine("build.cake"));
        var dependencies = new Dictionary<string, List<string>>();
        var actions = new HashSet<string>();
        foreach (Match task in Regex.Matches(cake, @"^Task\(""(?<name>\w+)""\)(?<body>.*?);\s*$", RegexOptions.Singleline | RegexOptions.Multiline))
        {
            var name = task.Groups["name"].Value;
            var body = task.Groups["body"].Value;
            dependencies[name] = Regex.Matches(body, @"IsDependentOn\(""(\w+)""\)").Select(m => m.Groups[1].Value).ToList();
            if (body.Contains(".Does", StringComparison.Ordinal)) actions.Add(name);
        }
        Assert.Contains("Deploy", dependencies.Keys);

        List<string> Order(string target)
        {
            var order = new List<string>();
            void Visit(string name)
            {
                foreach (var dependency in dependencies[name]) Visit(dependency);
                if (!order.Contains(name)) order.Add(name);
            }
            Visit(target);
            return order;
        }

        foreach (var target in FleetChain.Targets)
        {
            // Tasks without an action of their own (Deploy) run nothing; every other task is one step.
            var withAction = Order(target).Where(actions.Contains).ToList();
            Assert.Equal(withAction, FleetChain.For(target).Select(s => s.Name).ToList());
        }
    }

    [Theory]
    [InlineData("Deploy", "gastown-eu", false, "Deploy")]
    [InlineData("Deploy", "gastown-eu,gastown-us", false, "Fleet")]
    [InlineData("Plan", "gastown-*", false, "Fleet")]
    [InlineData("Destroy", "", true, "Fleet")]
    [InlineData("Ssh", "a,b", false, "Ssh")]
    [InlineData("Matrix", "a,b", false, "Matrix")]
    [InlineData("Help", "", true, "Help")]
    public void The_cake_task_is_Fleet_only_for_a_selection_of_a_target_that_takes_one(string target, string deployment, bool all, string expected)
    {
        var arguments = new Dictionary<string, string> { ["deployment"] = deployment };
        if (all) arguments["all"] = "";
        Assert.Equal(expected, FleetChain.CakeTask(target, arguments));
    }

    [Fact]
    public void A_target_that_takes_one_deployment_is_refused_over_many()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FleetChain.For("Ssh"));
        Assert.Contains("takes one deployment", error.Message, StringComparison.Ordinal);
    }
}
