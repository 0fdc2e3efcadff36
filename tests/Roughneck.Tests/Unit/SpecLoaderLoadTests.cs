using Roughneck.Deployments;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>SpecLoader.Load: the deployment folder on disk.</summary>
public sealed class SpecLoaderLoadTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _deployments;

    public SpecLoaderLoadTests()
    {
        _deployments = _temp.Combine("deployments");
        _temp.Write("deployments/demo-one/deployment.yaml", "provider: local\nssh:\n  port: 2222\n");
        _temp.Write("deployments/other/deployment.yaml", "provider: local\n");
        Directory.CreateDirectory(_temp.Combine("deployments", "no-spec-here"));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Missing_deployment_names_the_file_and_suggests_the_nearest()
    {
        var error = Assert.Throws<SpecException>(() => Specs.Loader(_deployments).Load("demo-onr", Specs.None, Specs.None));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(Path.Combine(_deployments, "demo-onr", "deployment.yaml"), Path.GetFullPath(problem.Source));
        Assert.Equal("deployment", problem.Key);
        Assert.Contains("no deployment 'demo-onr': the file does not exist (known: demo-one, other)", problem.Message, StringComparison.Ordinal);
        Assert.Equal("demo-one", problem.Suggestion);
    }

    [Fact]
    public void Missing_deployment_without_any_says_there_are_none()
    {
        var empty = _temp.Combine("empty");
        Directory.CreateDirectory(empty);

        var error = Assert.Throws<SpecException>(() => Specs.Loader(empty).Load("demo", Specs.None, Specs.None));

        Assert.Contains("there are none yet", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_deployment_argument_is_refused_before_the_disk_is_read()
    {
        var error = Assert.Throws<SpecException>(() => Specs.Loader(_deployments).Load("../other", Specs.None, Specs.None));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("argument --deployment", problem.Source);
        Assert.Equal("name", problem.Key);
    }

    [Fact]
    public void Existing_deployment_loads_with_file_and_line_as_origin()
    {
        var spec = Specs.Loader(_deployments).Load("demo-one", Specs.None, Specs.None);

        Assert.Equal("demo-one", spec.Name);
        Assert.Equal(2222, spec.Ssh.Port);
        Assert.EndsWith(Path.Combine("demo-one", "deployment.yaml") + ":3", spec.Origins["ssh.port"], StringComparison.Ordinal);
    }

    [Fact]
    public void Folders_without_a_spec_are_not_deployments()
    {
        Assert.Equal(new[] { "demo-one", "other" }, DeploymentDirectory.Names(_deployments));
    }
}
