using Roughneck.Deployments;
using Roughneck.Targets;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>--fast: the Test target's fast path, and an error anywhere else.</summary>
public class FastArgumentTests
{
    private static RoughneckArguments Parse(params (string Name, string Value)[] arguments) =>
        RoughneckArguments.Parse(Specs.Env(arguments), Catalogs.Schema);

    [Fact]
    public void Test_takes_fast_and_it_is_off_by_default()
    {
        Assert.True(Parse(("target", "Test"), ("fast", "")).Fast);
        Assert.False(Parse(("target", "Test")).Fast);
    }

    [Fact]
    public void Another_target_refuses_fast()
    {
        var problem = Assert.Single(Assert.Throws<SpecException>(() => Parse(("target", "Plan"), ("fast", ""))).Problems);
        Assert.Equal("only the Test target takes --fast", problem.Message);
    }
}
