using Roughneck.Targets;
using Xunit;

namespace Roughneck.Tests.Unit.Fleet;

/// <summary>Destroy asks: each name typed on a terminal; --force without one.</summary>
public class DestroyConfirmationTests
{
    private static string Ask(string[] names, bool force, bool terminal, string typed)
    {
        var prompt = new StringWriter();
        DestroyConfirmation.Require(names, force, terminal, new StringReader(typed), prompt);
        return prompt.ToString();
    }

    [Fact]
    public void Without_a_terminal_it_refuses_unless_forced()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Ask(new[] { "eu" }, force: false, terminal: false, ""));
        Assert.Contains("pass --force", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was destroyed", error.Message, StringComparison.Ordinal);
        Assert.Equal("", Ask(new[] { "eu" }, force: true, terminal: false, ""));
    }

    [Fact]
    public void On_a_terminal_the_name_must_be_typed()
    {
        Assert.Contains("Type 'eu' to destroy it", Ask(new[] { "eu" }, false, true, "eu\n"), StringComparison.Ordinal);
        var error = Assert.Throws<InvalidOperationException>(() => Ask(new[] { "eu" }, false, true, "yes\n"));
        Assert.Contains("'yes' is not 'eu'", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => Ask(new[] { "eu" }, false, true, "")); // end of input
    }

    [Fact]
    public void Several_deployments_are_listed_first_then_each_name_is_typed()
    {
        var prompt = Ask(new[] { "eu", "us" }, false, true, "eu\nus\n");
        Assert.True(prompt.IndexOf("  - us", StringComparison.Ordinal) < prompt.IndexOf("Type 'eu'", StringComparison.Ordinal), prompt);
        Assert.Contains("Type 'us' to destroy it", prompt, StringComparison.Ordinal);

        var error = Assert.Throws<InvalidOperationException>(() => Ask(new[] { "eu", "us" }, false, true, "eu\neu\n"));
        Assert.Contains("'eu' is not 'us'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CI_true_counts_as_no_terminal()
    {
        Assert.False(DestroyConfirmation.HasTerminal(new Dictionary<string, string> { ["CI"] = "true" }));
    }
}
