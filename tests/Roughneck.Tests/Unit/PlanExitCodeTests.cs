using Roughneck.Terraform;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>terraform plan -detailed-exitcode: 0 no changes, 2 changes, anything else a failure.</summary>
public class PlanExitCodeTests
{
    [Fact]
    public void Zero_means_no_changes() => Assert.Equal(PlanOutcome.NoChanges, PlanExitCode.Map(0, ""));

    [Fact]
    public void Two_means_changes() => Assert.Equal(PlanOutcome.Changes, PlanExitCode.Map(2, ""));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(-1)]
    public void Anything_else_throws_with_the_exit_code(int exitCode)
    {
        var error = Assert.Throws<TerraformException>(() => PlanExitCode.Map(exitCode, "Error: Invalid provider configuration\n"));

        Assert.Equal("plan", error.Verb);
        Assert.Equal(exitCode, error.ExitCode);
        Assert.StartsWith($"terraform plan failed (exit {exitCode})", error.Message, StringComparison.Ordinal);
    }
}
