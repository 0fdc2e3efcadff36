using Roughneck.Credentials;
using Roughneck.Deployments;
using Roughneck.Targets;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit.Credentials;

/// <summary>--list, --set and --remove in RoughneckArguments: known to the Credentials target only.</summary>
public class CredentialArgumentsTests
{
    private static RoughneckArguments Parse(params (string Name, string Value)[] arguments) =>
        RoughneckArguments.Parse(Specs.Env(arguments), Catalogs.Schema);

    [Fact]
    public void Credentials_target_takes_one_action()
    {
        Assert.Equal(new CredentialCommand(false, "HCLOUD_TOKEN", null), Parse(("target", "Credentials"), ("set", "HCLOUD_TOKEN")).Credentials);
        Assert.True(Parse(("target", "Credentials"), ("list", "")).Credentials.List);
        Assert.Equal(CredentialCommand.None, Parse(("target", "Plan")).Credentials);
    }

    [Fact]
    public void A_bad_name_or_no_action_is_refused()
    {
        Assert.Contains("not a credential name", Assert.Single(Assert.Throws<SpecException>(() => Parse(("target", "Credentials"), ("set", "token"))).Problems).Message, StringComparison.Ordinal);
        Assert.Single(Assert.Throws<SpecException>(() => Parse(("target", "Credentials"))).Problems);
    }

    [Fact]
    public void Other_targets_refuse_the_credential_arguments()
    {
        var problem = Assert.Single(Assert.Throws<SpecException>(() => Parse(("target", "List"), ("list", ""))).Problems);

        Assert.Contains("only the Credentials target", problem.Message, StringComparison.Ordinal);
    }
}
