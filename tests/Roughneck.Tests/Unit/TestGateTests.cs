using Roughneck.Targets;
using Roughneck.Testing;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>TestGate and TestRunResults: what fails a CI run beyond failed tests.</summary>
public class TestGateTests
{
    private const string Trx = """
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <Results>
            <UnitTestResult testName="Roughneck.Tests.Integration.A.Runs" outcome="Passed" />
            <UnitTestResult testName="Roughneck.Tests.Integration.A.Needs_root" outcome="NotExecuted">
              <Output><ErrorInfo><Message>SKIPPED: the local sandbox needs root</Message></ErrorInfo></Output>
            </UnitTestResult>
            <UnitTestResult testName="Roughneck.Tests.Integration.A.Theory(provider: &quot;aws&quot;)" outcome="NotExecuted">
              <Output><ErrorInfo><Message>SKIPPED: no provider</Message></ErrorInfo></Output>
            </UnitTestResult>
          </Results>
          <ResultSummary outcome="Completed">
            <Counters total="3" executed="1" passed="1" failed="0" error="0" timeout="0" aborted="0" notExecuted="2" />
          </ResultSummary>
        </TestRun>
        """;

    private static readonly TestRunResults Results = TestRunResults.FromTrx(Trx);

    [Fact]
    public void Skipped_tests_are_read_with_their_reasons()
    {
        Assert.Equal((1, 0, 2), (Results.Passed, Results.Failed, Results.Skipped));
        Assert.Equal(new SkippedTest("Roughneck.Tests.Integration.A.Needs_root", "SKIPPED: the local sandbox needs root"), Results.SkippedTests[0]);
        Assert.Equal("SKIPPED: no provider", Results.SkippedTests[1].Reason);
    }

    [Fact]
    public void A_skip_off_the_allow_list_is_a_problem_and_the_message_names_test_and_reason()
    {
        var gate = new TestGate(TestGate.ParseAllowList("Roughneck.Tests.Integration.A.Theory | the provider is not served here\n"), new Dictionary<string, int>());
        var problem = Assert.Single(gate.Problems(Results, "full"));
        Assert.Contains("Roughneck.Tests.Integration.A.Needs_root", problem);
        Assert.Contains("needs root", problem);
    }

    [Fact]
    public void Allow_listed_skips_pass_including_every_case_of_a_theory()
    {
        var gate = new TestGate(TestGate.ParseAllowList("""
            # comment
            Roughneck.Tests.Integration.A.Needs_root | no root on this runner   # trailing comment
            Roughneck.Tests.Integration.A.Theory | the provider is not served here
            """), new Dictionary<string, int>());
        Assert.Empty(gate.Problems(Results, "full"));
    }

    [Fact]
    public void A_case_name_allows_that_case_only()
    {
        var gate = new TestGate(TestGate.ParseAllowList("""
            Roughneck.Tests.Integration.A.Needs_root | r
            Roughneck.Tests.Integration.A.Theory(provider: "hetzner") | only hetzner # not aws
            """), new Dictionary<string, int>());
        Assert.Contains("Theory(provider: \"aws\")", Assert.Single(gate.Problems(Results, null)));
        Assert.Equal("only hetzner", gate.AllowedSkips["Roughneck.Tests.Integration.A.Theory(provider: \"hetzner\")"]);
    }

    [Fact]
    public void An_allow_list_entry_without_a_reason_is_refused_with_its_line()
    {
        var error = Assert.Throws<FormatException>(() => TestGate.ParseAllowList("# reasons are required\nRoughneck.Tests.X.Y\n"));
        Assert.Contains("allowed-skips.txt:2", error.Message);
        Assert.Throws<FormatException>(() => TestGate.ParseAllowList("Roughneck.Tests.X.Y |   \n"));
    }

    [Fact]
    public void Fewer_tests_than_the_floor_is_a_problem_and_a_filtered_run_has_no_floor()
    {
        var gate = new TestGate(new Dictionary<string, string>
        {
            ["Roughneck.Tests.Integration.A.Needs_root"] = "r",
            ["Roughneck.Tests.Integration.A.Theory"] = "r",
        }, TestGate.ParseFloors("full 2\nfast 1\n"));
        Assert.Contains("fewer than the floor of 2", Assert.Single(gate.Problems(Results, "full")));
        Assert.Empty(gate.Problems(Results, "fast"));
        Assert.Empty(gate.Problems(Results, null));
    }

    [Theory]
    [InlineData("full")]
    [InlineData("full -3")]
    [InlineData("slow 3")]
    [InlineData("full 3 4")]
    public void A_malformed_floor_is_refused(string line)
    {
        Assert.Throws<FormatException>(() => TestGate.ParseFloors(line));
    }

    [Fact]
    public void The_repositorys_own_gate_files_parse_and_every_allowed_skip_has_a_reason()
    {
        var gate = TestGate.Load(TestSupport.RepoRoot.Path);
        Assert.True(gate.Floors["full"] > gate.Floors["fast"], "the full suite holds more tests than the fast path");
        Assert.All(gate.AllowedSkips.Values, reason => Assert.False(string.IsNullOrWhiteSpace(reason)));
    }

    [Theory]
    [InlineData(false, null, null)]
    [InlineData(false, "FullyQualifiedName~Sandbox", "FullyQualifiedName~Sandbox")]
    [InlineData(true, null, TestStep.FastFilter)]
    [InlineData(true, "Name~X", "(" + TestStep.FastFilter + ")&(Name~X)")]
    public void The_fast_selection_and_a_user_filter_combine(bool fast, string? user, string? expected)
    {
        Assert.Equal(expected, TestStep.Filter(fast, user));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("", false)]
    public void CI_is_read_from_the_environment(string value, bool expected)
    {
        Assert.Equal(expected, TestStep.IsCi(new Dictionary<string, string> { ["CI"] = value }));
        Assert.False(TestStep.IsCi(new Dictionary<string, string>()));
    }
}
