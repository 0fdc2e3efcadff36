using Roughneck.Deployments;
using Roughneck.Targets;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>The operator's arguments: --live (List), --port (Tunnel), , each only where it means something.</summary>
public class OperatorArgumentsTests
{
    private static RoughneckArguments Parse(params (string Name, string Value)[] arguments) =>
        RoughneckArguments.Parse(Specs.Env(arguments), Catalogs.Schema);

    [Fact]
    public void Operator_arguments_are_read()
    {
        Assert.True(Parse(("target", "List"), ("live", "")).Live);
        Assert.Equal(18080, Parse(("target", "Tunnel"), ("port", "18080")).Port);
        Assert.True(Parse(("target", "New"), ("deployment", "x")).DeploymentGiven);
        Assert.False(Parse(("target", "New")).DeploymentGiven);
    }

    [Theory]
    [InlineData("Deploy", "live", "", "only the List target takes --live")]
    [InlineData("Ssh", "port", "2000", "only the Tunnel target takes --port")]
    [InlineData("Tunnel", "port", "70000", "expected a TCP port")]
    [InlineData("Tunnel", "port", "http", "expected a TCP port")]
    public void Misplaced_or_bad_operator_arguments_are_refused(string target, string name, string value, string message)
    {
        var error = Assert.Throws<SpecException>(() => Parse(("target", target), (name, value)));
        Assert.Contains(error.Problems, p => p.Message.Contains(message, StringComparison.Ordinal));
    }
}
