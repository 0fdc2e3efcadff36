using Roughneck.Credentials;
using Roughneck.Targets;
using Xunit;

namespace Roughneck.Tests.Unit.Credentials;

/// <summary>The Credentials target's arguments: exactly one action; names checked; values never on the command line.</summary>
public class CredentialCommandTests
{
    private static CredentialCommand From(params (string Name, string Value)[] arguments) =>
        CredentialCommand.From(arguments.ToDictionary(a => a.Name, a => a.Value));

    [Fact]
    public void List_set_and_remove()
    {
        Assert.Equal(new CredentialCommand(true, null, null), From(("list", "")));
        Assert.Equal(new CredentialCommand(false, "HCLOUD_TOKEN", null), From(("set", "HCLOUD_TOKEN")));
        Assert.Equal(new CredentialCommand(false, null, "PG_CONN_STR"), From(("remove", "PG_CONN_STR")));
        Assert.Null(From(("list", "true")).Problem());
        Assert.Null(From(("set", "HCLOUD_TOKEN")).Problem());
    }

    [Fact]
    public void None_or_several_actions_are_a_problem()
    {
        Assert.NotNull(From().Problem());
        Assert.NotNull(From(("list", "false")).Problem());
        Assert.NotNull(From(("list", ""), ("remove", "A")).Problem());
    }

    [Theory]
    [InlineData("hcloud_token")]
    [InlineData("HCLOUD_TOKEN=abc")]
    [InlineData("")]
    public void A_bad_name_is_a_problem(string name)
    {
        Assert.NotNull(From(("set", name)).Problem());
    }

    [Theory]
    [InlineData("token", "token")]
    [InlineData("token\n", "token")]
    [InlineData("token\r\n", "token")]
    [InlineData("token\n\n", "token\n")]
    public void One_trailing_line_break_is_dropped_from_standard_input(string input, string value)
    {
        Assert.Equal(value, CredentialsStep.TrimOneLineBreak(input));
    }
}
