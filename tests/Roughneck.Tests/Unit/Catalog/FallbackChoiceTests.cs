using Roughneck.Catalog;
using Roughneck.Deployments;
using Roughneck.Targets;
using Roughneck.Terraform;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit.Catalog;

/// <summary>The fallback's recorded choice, and how the next candidate is chosen and described.</summary>
public class FallbackChoiceTests
{
    private static DeploymentSpec Spec(string region = "fsn1", string size = "cx33", string sizes = "[cx43, cpx32]", string regions = "[nbg1]") =>
        Specs.Load(Specs.Yaml("provider: hetzner", $"region: {region}", $"size: {size}", "fallback:", $"  sizes: {sizes}", $"  regions: {regions}",
            "ssh:", "  allowed_cidrs: [203.0.113.0/24]"));

    [Fact]
    public void A_choice_applies_while_the_spec_asks_for_the_same_size_and_region()
    {
        using var dir = new TempDirectory();
        var paths = new DeploymentPaths(dir.Path);
        Directory.CreateDirectory(paths.Work);
        FallbackChoice.For(Spec(), "nbg1", "cpx32").Write(paths);

        var planned = PlannedServer.Of(Spec(), paths);

        Assert.Equal(new PlannedServer("nbg1", "cpx32", true), planned);
    }

    [Theory]
    [InlineData("nbg1", "cx33")]
    [InlineData("fsn1", "cx43")]
    public void Editing_the_specs_size_or_region_drops_the_choice(string region, string size)
    {
        using var dir = new TempDirectory();
        var paths = new DeploymentPaths(dir.Path);
        Directory.CreateDirectory(paths.Work);
        FallbackChoice.For(Spec(), "nbg1", "cpx32").Write(paths);
        var said = new List<string>();

        var planned = PlannedServer.Of(Spec(region, size), paths, said.Add);

        Assert.Equal(new PlannedServer(region, size, false), planned);
        Assert.False(File.Exists(FallbackChoice.File(paths)));
        Assert.Contains("dropped the capacity fallback choice cpx32 in nbg1", Assert.Single(said), StringComparison.Ordinal);
    }

    [Fact]
    public void A_choice_from_before_the_spec_was_recorded_is_dropped()
    {
        using var dir = new TempDirectory();
        var paths = new DeploymentPaths(dir.Path);
        Directory.CreateDirectory(paths.Work);
        File.WriteAllText(FallbackChoice.File(paths), """{"Region":"nbg1","Size":"cpx31"}""");

        Assert.False(PlannedServer.Of(Spec(), paths).FromFallback);
    }

    private static FallbackPlanner Planner(DeploymentSpec spec) =>
        new(spec, region => Task.FromResult(OfflineCatalog.From(Catalogs.Providers.Find("hetzner")!).For(region)));

    [Fact]
    public async Task The_next_candidate_says_its_arch_size_and_price()
    {
        var next = await Planner(Spec()).NextAsync(("fsn1", "cx33"), new Refusal(RefusalKind.Capacity, false, "error during placement (resource_unavailable)"),
            new List<(string, string)> { ("fsn1", "cx33") }, new HashSet<string>());

        Assert.NotNull(next);
        Assert.Equal(("fsn1", "cx43"), (next.Region, next.Size));
        Assert.Equal("cx43 (amd64, 8 vCPU, 16 GB) in fsn1 at 0.0264 EUR/hour, 16.49 EUR/month", next.Describe());
    }

    [Fact]
    public async Task A_retired_type_falls_back_to_its_successor_once_the_specs_own_choices_are_tried()
    {
        var spec = Spec(size: "cx33", sizes: "[]", regions: "[]");
        var next = await Planner(spec).NextAsync(("fsn1", "cx33"), new Refusal(RefusalKind.Retired, false, "Server Type \"cx33\" is unavailable in \"fsn1\" and can no longer be ordered"),
            new List<(string, string)> { ("fsn1", "cx33") }, new HashSet<string>());

        Assert.Equal("cx43", next!.Size); // catalog.yml names no successor for cx33: the cheapest bigger amd64 sold there
    }

    [Fact]
    public async Task An_architecture_change_the_spec_does_not_list_is_refused_and_one_it_lists_is_allowed()
    {
        // a catalog naming an arm64 successor for cx33
        var info = Catalogs.Providers.Find("hetzner")!;
        var armOnly = info with { Sizes = info.Sizes.Where(s => s.Key is "cx33" or "cax31").ToDictionary(s => s.Key, s => s.Key == "cx33" ? s.Value with { ReplacedBy = "cax31" } : s.Value) };
        var planner = new FallbackPlanner(Spec(sizes: "[]", regions: "[]"), region => Task.FromResult(OfflineCatalog.From(armOnly).For(region)));
        var tried = new List<(string, string)> { ("fsn1", "cx33") };

        var refused = await planner.NextAsync(("fsn1", "cx33"), new Refusal(RefusalKind.Retired, false, "x"), tried, new HashSet<string>());

        Assert.Null(refused);
        Assert.Contains("cax31 in fsn1: it is arm64 and the spec's cx33 is amd64; list cax31 under fallback.sizes", Assert.Single(planner.Skipped), StringComparison.Ordinal);

        var listing = new FallbackPlanner(Spec(sizes: "[cax31]", regions: "[]"), region => Task.FromResult(OfflineCatalog.From(armOnly).For(region)));
        var allowed = await listing.NextAsync(("fsn1", "cx33"), new Refusal(RefusalKind.Capacity, false, "x"), new List<(string, string)> { ("fsn1", "cx33") }, new HashSet<string>());
        Assert.Equal("cax31", allowed!.Size);
        Assert.Contains("arm64", allowed.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Candidates_the_catalog_says_are_not_sold_there_are_passed_over()
    {
        var planner = Planner(Spec(sizes: "[cx43]", regions: "[ash]"));
        var tried = new List<(string, string)> { ("fsn1", "cx33"), ("fsn1", "cx43") };

        var next = await planner.NextAsync(("fsn1", "cx43"), new Refusal(RefusalKind.Capacity, false, "x"), tried, new HashSet<string>());

        Assert.Null(next); // ash sells neither cx33 nor cx43
        Assert.Equal(2, planner.Skipped.Count);
        Assert.All(planner.Skipped, s => Assert.Contains("does not sell", s, StringComparison.Ordinal));
    }
}
