using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>--target=New through the real ./build.sh: the wizard on a pseudo-terminal, flags without one, and every refusal.</summary>
[Collection("cli")]
public sealed class NewTargetTests : IDisposable
{
    private readonly TempDeployments _deployments = new();

    private string SpecOf(string name) => Path.Combine(_deployments.Dir, name, "deployment.yaml");

    [SkippableFact]
    public void Wizard_on_a_terminal_writes_the_chosen_spec()
    {
        Requirements.Commands("script");
        using var run = PtyRun.Start(_deployments.Dir, null, "--target=New");
        run.Answer("Deployment name", "wiz-one" + PtyRun.Enter);
        run.Answer("Provider:", PtyRun.Down + PtyRun.Enter);                 // local, hetzner: hetzner
        run.Answer("Region (hetzner):", PtyRun.Down + PtyRun.Enter);         // fsn1, nbg1: nbg1
        run.Answer("prices from the dated catalog", "");
        run.Answer("Size:", PtyRun.Enter);                                   // cheapest first
        var k9s = Catalogs.Features.Features.ToList().FindIndex(f => f.Name == "k9s");
        run.Answer("Features (defaults are selected):", string.Concat(Enumerable.Repeat(PtyRun.Down, k9s)) + " " + PtyRun.Enter);
        run.Answer("CIDRs allowed to reach SSH", "203.0.113.7/32, 2001:db8::/48" + PtyRun.Enter);
        run.Answer("Terraform state backend:", PtyRun.Enter);
        run.Answer("Tags on every cloud resource", "team:wizard" + PtyRun.Enter);
        Assert.True(run.Wait(TimeSpan.FromMinutes(2)) == 0, run.Screen);

        Assert.Contains("./build.sh --target=Deploy --deployment=wiz-one", run.Screen);
        var cheapest = Roughneck.Operator.SizeChoices.From(
            Roughneck.Catalog.CatalogService.For(new Roughneck.Deployments.RepoPaths(RepoRoot.Path), Specs.None).ForAsync("hetzner", "nbg1").GetAwaiter().GetResult(),
            Catalogs.Providers.Find("hetzner")!).Rows[0].Name;
        var spec = Specs.Loader(_deployments.Dir).Load("wiz-one", Specs.None, Specs.None);
        Assert.Equal(("hetzner", "nbg1", cheapest), (spec.Provider, spec.Region, spec.Size));
        Assert.Equal(new[] { "203.0.113.7/32", "2001:db8::/48" }, spec.Ssh.AllowedCidrs);
        Assert.True(spec.FeatureOn("k9s"));     // toggled on
        Assert.True(spec.FeatureOn("docker"));  // a default left on
        Assert.Equal("wizard", spec.Tags["team"]);
    }

    [SkippableFact]
    public void Ctrl_c_in_the_middle_writes_nothing()
    {
        Requirements.Commands("script");
        using var run = PtyRun.Start(_deployments.Dir, null, "--target=New");
        run.Answer("Deployment name", "wiz-two" + PtyRun.Enter);
        run.Answer("Provider:", PtyRun.Down + PtyRun.Enter);
        run.Answer("Region (hetzner):", PtyRun.CtrlC);
        Assert.NotEqual(0, run.Wait(TimeSpan.FromMinutes(1)));
        Assert.False(Directory.Exists(Path.Combine(_deployments.Dir, "wiz-two")), run.Screen);
        Assert.Empty(Directory.GetFileSystemEntries(_deployments.Dir));
    }

    [SkippableFact]
    public void With_ci_true_a_terminal_is_never_prompted()
    {
        Requirements.Commands("script");
        using var run = PtyRun.Start(_deployments.Dir, new Dictionary<string, string> { ["CI"] = "true" }, "--target=New", "--provider=local");
        Assert.NotEqual(0, run.Wait(TimeSpan.FromMinutes(1)));
        Assert.Contains("give --deployment=", run.Screen);
        Assert.DoesNotContain("Deployment name", run.Screen);
    }

    [Fact]
    public void Flags_alone_write_a_valid_spec()
    {
        var result = CliRun.Run(_deployments.Dir, "--target=New", "--deployment=flags-one", "--provider=hetzner", "--region=hel1",
            "--size=cax11", "--ssh-allowed-cidrs=0.0.0.0/0,::/0", "--features-docker=false", "--tags=team:ci");
        Assert.True(result.ExitCode == 0, result.ToString());
        var spec = Specs.Loader(_deployments.Dir).Load("flags-one", Specs.None, Specs.None);
        Assert.Equal(("hetzner", "hel1", "cax11"), (spec.Provider, spec.Region, spec.Size));
        Assert.Equal(new[] { "0.0.0.0/0", "::/0" }, spec.Ssh.AllowedCidrs);
        Assert.False(spec.FeatureOn("docker"));
        Assert.Equal("ci", spec.Tags["team"]);
        Assert.Contains("--target=Plan --deployment=flags-one", result.Output);
    }

    [Fact]
    public void Missing_values_are_listed_in_one_error_and_nothing_is_written()
    {
        var result = CliRun.Run(_deployments.Dir, "--target=New", "--provider=aws");
        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(result.Output.Split('\n'), l => l.Contains("cannot ask without a terminal"));
        foreach (var flag in new[] { "--deployment=", "--region=", "--size=", "--ssh-allowed-cidrs=" }) Assert.Contains(flag, error);
        Assert.Empty(Directory.GetFileSystemEntries(_deployments.Dir));
    }

    [Fact]
    public void Existing_spec_is_refused_and_kept()
    {
        _deployments.Add("taken", "provider: local\n");
        var result = CliRun.Run(_deployments.Dir, "--target=New", "--deployment=taken", "--provider=local");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("exists already", result.Output);
        Assert.Equal("provider: local\n", File.ReadAllText(SpecOf("taken")));
    }

    [Fact]
    public void Invalid_region_names_the_flag_and_the_nearest_and_writes_nothing()
    {
        var result = CliRun.Run(_deployments.Dir, "--target=New", "--deployment=bad-region", "--provider=hetzner", "--region=fsn2",
            "--size=cx33", "--ssh-allowed-cidrs=203.0.113.0/24");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("argument --region", result.Output);
        Assert.Contains("did you mean 'fsn1'", result.Output);
        Assert.False(Directory.Exists(Path.Combine(_deployments.Dir, "bad-region")));
    }

    public void Dispose() => _deployments.Dispose();
}
