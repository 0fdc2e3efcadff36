using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>
/// The capacity fallback through the real ./build.sh --target=Apply, with a terraform on PATH
/// (tests/fixtures/fake-terraform) that refuses servers with the real hcloud error texts: the
/// choice is recorded, Init and Plan run again for each try, the new size, arch and price are
/// said, plan.md shows what is planned, and exhaustion ends with a clear message.
/// </summary>
[Collection("cli")]
public sealed class CapacityFallbackEndToEndTests : IDisposable
{
    private const string Spec = """
        provider: hetzner
        region: fsn1
        size: cx33
        fallback:
          sizes: [cx43, cpx32]
          regions: [nbg1]
        ssh:
          allowed_cidrs: [203.0.113.0/24]
        """;

    private readonly TempDeployments _deployments = new();
    private readonly TempDirectory _fake = new();
    private readonly FakeApi _hetznerApi = new(_ => new FakeAnswer(401, """{"error":{"code":"unauthorized","message":"unable to authenticate"}}"""), "/v1");

    private Dictionary<string, string> Environment(params string[] refusals)
    {
        File.WriteAllLines(_fake.Combine("refusals"), refusals);
        return new Dictionary<string, string>
        {
            ["PATH"] = RepoRoot.Combine("tests", "fixtures", "fake-terraform") + ":" + System.Environment.GetEnvironmentVariable("PATH"),
            ["FAKE_TF_LOG"] = _fake.Combine("calls.log"),
            ["FAKE_TF_STATE"] = _fake.Combine("outputs.json"),
            ["FAKE_TF_REFUSALS"] = _fake.Combine("refusals"),
            ["HCLOUD_TOKEN"] = "fake-token-for-the-fallback-test",
            ["HCLOUD_ENDPOINT"] = _hetznerApi.BaseUrl, // answers 401: the offline catalog prices, after a warning
        };
    }

    private string[] Calls() => File.Exists(_fake.Combine("calls.log")) ? File.ReadAllLines(_fake.Combine("calls.log")) : Array.Empty<string>();

    [Fact]
    public void Refusals_walk_the_specs_candidates_and_the_choice_is_recorded()
    {
        _deployments.Add("fallback-e2e", Spec);
        var environment = Environment(
            "fsn1 cx33 error during placement (resource_unavailable, 5b2f8c1e9a7d)",
            "fsn1 cx43 Server Type \"cx43\" is unavailable in \"fsn1\" and can no longer be ordered",
            "fsn1 cpx32 unsupported location for server type (invalid_input, 1eae9584faf5d148)",
            "fsn1 cx53 error during placement (resource_unavailable, 77aa)");

        var result = CliRun.Run(_deployments.Dir, environment, TimeSpan.FromMinutes(10), "--target=Apply", "--deployment=fallback-e2e");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(new[]
        {
            "plan fsn1 cx33", "apply fsn1 cx33",
            "plan fsn1 cx43", "apply fsn1 cx43",
            "plan fsn1 cpx32", "apply fsn1 cpx32",
            "plan nbg1 cx33", "apply nbg1 cx33",
        }, Calls().Where(c => c != "init"));
        // Init ran again for every try and wrote the choice into tfvars.json (terraform init itself
        // is skipped while modules and backend are unchanged).
        Assert.Equal(4, result.Output.Split('\n').Count(l => l.StartsWith("Init: wrote ", StringComparison.Ordinal) && l.Contains("tfvars.json", StringComparison.Ordinal)));
        Assert.Contains("falling back to cx43 (amd64, 8 vCPU, 16 GB) in fsn1 at 0.0264 EUR/hour, 16.49 EUR/month", result.Output, StringComparison.Ordinal);
        Assert.Contains("falling back to cx33 (amd64, 4 vCPU, 8 GB) in nbg1", result.Output, StringComparison.Ordinal);
        var choice = File.ReadAllText(Path.Combine(_deployments.Work("fallback-e2e"), "fallback.json"));
        Assert.Contains("\"Region\":\"nbg1\",\"Size\":\"cx33\",\"SpecRegion\":\"fsn1\",\"SpecSize\":\"cx33\"", choice, StringComparison.Ordinal);
        var plan = File.ReadAllText(Path.Combine(_deployments.Work("fallback-e2e"), "plan.md"));
        Assert.Contains("(hetzner, nbg1, cx33)", plan, StringComparison.Ordinal);
        Assert.Contains("the spec asks for cx33 in fsn1", plan, StringComparison.Ordinal);
        Assert.Contains("**Cost:** 0.0152 EUR/hour, 9.49 EUR/month for cx33 in nbg1", plan, StringComparison.Ordinal);
        Assert.Contains("rejected the token (401 Unauthorized)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("fake-token-for-the-fallback-test", result.Output, StringComparison.Ordinal);

        // The next run plans the recorded choice straight away.
        var again = CliRun.Run(_deployments.Dir, environment, TimeSpan.FromMinutes(10), "--target=Plan", "--deployment=fallback-e2e");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("plan nbg1 cx33", Calls().Last());
    }

    [Fact]
    public void Exhaustion_ends_with_every_refusal_and_what_to_do()
    {
        _deployments.Add("fallback-out", Spec.Replace("  regions: [nbg1]\n", "", StringComparison.Ordinal));
        var environment = Environment("* * error during placement (resource_unavailable, 0f0f)");

        var result = CliRun.Run(_deployments.Dir, environment, TimeSpan.FromMinutes(10), "--target=Apply", "--deployment=fallback-out");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(new[] { "apply fsn1 cx33", "apply fsn1 cx43", "apply fsn1 cpx32" }, Calls().Where(c => c.StartsWith("apply", StringComparison.Ordinal)));
        Assert.Contains("Hetzner refused every server the spec allows (cx33 in fsn1: error during placement (resource_unavailable, 0f0f); cx43 in fsn1:", result.Output, StringComparison.Ordinal);
        Assert.Contains("no fallback is left. Add sizes or regions under fallback: in", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(_fake.Combine("outputs.json")));
    }

    public void Dispose()
    {
        _deployments.Dispose();
        _hetznerApi.Dispose();
        _fake.Dispose();
    }
}
