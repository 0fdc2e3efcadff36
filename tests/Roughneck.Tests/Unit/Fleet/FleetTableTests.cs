using Roughneck.Fleet;
using Xunit;

namespace Roughneck.Tests.Unit.Fleet;

/// <summary>The one table and the one exit code a run over many deployments ends with.</summary>
public class FleetTableTests
{
    private static readonly FleetResult Ok = new("alpha", "Deploy", FleetOutcome.Succeeded, TimeSpan.FromSeconds(75), "applied: 1 to add; 12 tasks changed");
    private static readonly FleetResult Failed = new("beta-long-name", "Deploy", FleetOutcome.Failed, TimeSpan.FromSeconds(3.2), "", "Provision",
        "Provision failed (ansible-playbook exit 2): host beta failed at task 'x'\nmore");
    private static readonly FleetResult Drifted = new("gamma", "Drift", FleetOutcome.Drift, TimeSpan.FromSeconds(9), "2 drifted");
    private static readonly FleetResult Stopped = new("delta", "Deploy", FleetOutcome.Stopped, TimeSpan.Zero, "not started");

    [Fact]
    public void The_table_has_one_row_per_deployment_with_result_duration_and_changes()
    {
        var lines = FleetTable.Text(new[] { Ok, Failed }).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^DEPLOYMENT\s+TARGET\s+RESULT\s+DURATION\s+CHANGES$", lines[0]);
        Assert.Matches(@"^alpha\s+Deploy\s+ok\s+1m15s\s+applied: 1 to add; 12 tasks changed$", lines[1]);
        Assert.Matches(@"^beta-long-name\s+Deploy\s+FAILED at Provision\s+3\.2s\s+Provision failed \(ansible-playbook exit 2\): host beta failed at task 'x'$", lines[2]);
        Assert.Equal("2 deployment(s): 1 succeeded, 1 failed", lines[3]);
        // Columns line up: RESULT starts at the same column in every row.
        Assert.Equal(lines[0].IndexOf("RESULT", StringComparison.Ordinal), lines[1].IndexOf("ok", StringComparison.Ordinal));
    }

    [Fact]
    public void One_exit_code_failure_wins_over_drift_which_wins_over_success()
    {
        Assert.Equal(0, FleetTable.ExitCode(new[] { Ok }));
        Assert.Equal(2, FleetTable.ExitCode(new[] { Ok, Drifted }));
        Assert.Equal(1, FleetTable.ExitCode(new[] { Ok, Drifted, Failed }));
        Assert.Equal(1, FleetTable.ExitCode(new[] { Ok, Stopped }));
    }

    [Fact]
    public void Markdown_escapes_pipes_in_cells()
    {
        var markdown = FleetTable.Markdown(new[] { Ok with { Changes = "a | b" } });
        Assert.Contains("| alpha | Deploy | ok | 1m15s | a \\| b |", markdown, StringComparison.Ordinal);
        Assert.StartsWith("### Roughneck Deploy: 1 deployment(s): 1 succeeded", markdown, StringComparison.Ordinal);
    }
}
