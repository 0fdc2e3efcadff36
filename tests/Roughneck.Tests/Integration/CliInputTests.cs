using Roughneck.Tests.Integration.Support;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>Bad input through the real ./build.sh: a clear error, a non-zero exit, nothing written.</summary>
[Collection("cli")]
public sealed class CliInputTests : IDisposable
{
    private readonly TempDeployments _deployments = new();

    [Theory]
    [InlineData("--dry-run", "--dry-run", "did you mean '--dryrun'")]
    [InlineData("--deploymnet=x", "--deploymnet", "did you mean '--deployment'")]
    [InlineData("--sise=cx33", "--sise", "did you mean '--size'")]
    public void Unknown_argument_is_an_error_and_writes_nothing(string argument, string named, string suggestion)
    {
        _deployments.Add("demo", TempDeployments.LocalSpec());
        var result = CliRun.Run(_deployments.Dir, "--target=Deploy", "--deployment=demo", argument);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(named, result.Output);
        Assert.Contains(suggestion, result.Output);
        Assert.False(Directory.Exists(_deployments.Work("demo")), "nothing may be written for a bad argument:\n" + result);
    }

    [Fact]
    public void Invalid_spec_names_file_line_and_key_and_writes_nothing()
    {
        _deployments.Add("demo", "provider: local\nssh:\n  user: dev\n  prot: 22\n");
        var result = CliRun.Run(_deployments.Dir, "--target=Deploy", "--deployment=demo");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("deployment.yaml:4", result.Output);
        Assert.Contains("ssh.prot", result.Output);
        Assert.Contains("did you mean 'ssh.port'", result.Output);
        Assert.False(Directory.Exists(_deployments.Work("demo")));
    }

    [Fact]
    public void Missing_deployment_suggests_the_nearest()
    {
        _deployments.Add("gastown-eu", TempDeployments.LocalSpec());
        var result = CliRun.Run(_deployments.Dir, "--target=Plan", "--deployment=gastown-ue");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no deployment 'gastown-ue'", result.Output);
        Assert.Contains("did you mean 'gastown-eu'", result.Output);
    }

    [Fact]
    public void Bad_environment_value_names_the_variable()
    {
        _deployments.Add("demo", TempDeployments.LocalSpec());
        var result = CliRun.Run(_deployments.Dir, new Dictionary<string, string> { ["ROUGHNECK_SSH_PORT"] = "twenty-two" }, TimeSpan.FromMinutes(2),
            "--target=Plan", "--deployment=demo");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ROUGHNECK_SSH_PORT", result.Output);
        Assert.Contains("expected a whole number", result.Output);
        Assert.False(Directory.Exists(_deployments.Work("demo")));
    }

    [Fact]
    public void Dryrun_changes_nothing()
    {
        _deployments.Add("demo", TempDeployments.LocalSpec());
        var result = CliRun.Run(_deployments.Dir, "--target=Deploy", "--deployment=demo", "--dryrun");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Provision", result.Output);
        Assert.False(Directory.Exists(_deployments.Work("demo")), "--dryrun wrote files:\n" + result);
    }

    [Fact]
    public void Tree_shows_the_deploy_chain()
    {
        var result = CliRun.Run(_deployments.Dir, "--target=Deploy", "--tree");
        Assert.Equal(0, result.ExitCode);
        foreach (var task in new[] { "Deploy", "Apply", "Plan", "Init", "Provision", "Validate" })
        {
            Assert.Contains(task, result.Output);
        }
    }

    [Fact]
    public void List_shows_every_deployment_without_touching_them()
    {
        _deployments.Add("alpha", TempDeployments.LocalSpec());
        _deployments.Add("beta", "provider: hetzner\nssh:\n  allowed_cidrs: [203.0.113.0/24]\n");
        var result = CliRun.Run(_deployments.Dir, "--target=List");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"alpha\s+local\s+local\s+-\s+not deployed", result.Output);
        Assert.Matches(@"beta\s+hetzner\s+fsn1\s+-\s+not deployed", result.Output);
        Assert.False(Directory.Exists(_deployments.Work("alpha")));
    }

    public void Dispose() => _deployments.Dispose();
}
