using System.Text.Json;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>
/// The pg state backend for real, on a throwaway PostgreSQL: two deployments in one database,
/// and two concurrent Applies of one deployment from two folders (so Roughneck's own folder lock
/// cannot serialise them: only pg's lock does).
/// </summary>
public sealed class PgStateTests : IDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(20);
    private readonly TempDeployments _first = new();
    private readonly TempDeployments _second = new();
    private PostgresServer? _postgres;
    private Dictionary<string, string> _env = new();

    private static string Spec => "provider: local\nssh:\n  user: dev\nstate:\n  backend: pg\nterraform:\n  lock_timeout: 5s\n" +
                                  "features:\n" + TempDeployments.LocalSpec().Split("features:\n")[1];

    [SkippableFact]
    public void Two_deployments_share_a_database_and_two_concurrent_applies_of_one_leave_one_machine()
    {
        Requirements.LocalSandbox();
        _postgres = PostgresServer.Start(Requirements.Postgres());
        _env = new Dictionary<string, string> { ["PG_CONN_STR"] = _postgres.CreateDatabase("fleet") };
        _first.Add("pga", Spec);
        _first.Add("pgb", Spec);
        _second.Add("pga", Spec);
        foreach (var (dir, name) in new[] { (_first.Dir, "pga"), (_first.Dir, "pgb"), (_second.Dir, "pga") })
        {
            var init = CliRun.Run(dir, _env, Long, "--target=Init", "--deployment=" + name);
            Assert.True(init.ExitCode == 0, init.ToString());
        }
        Assert.Equal(new[] { "roughneck_pga", "roughneck_pgb" }, _postgres.Schemas("fleet"));

        // The same deployment applied at once from two folders: pg's lock decides.
        using var one = CliRun.Start(_first.Dir, _env, "--target=Apply", "--deployment=pga");
        using var two = CliRun.Start(_second.Dir, _env, "--target=Apply", "--deployment=pga");
        var results = new[] { one.Wait(Long), two.Wait(Long) };
        var winners = results.Where(r => r.ExitCode == 0).ToList();
        Assert.True(winners.Count == 1, "exactly one Apply may create the machine:\n" + string.Join("\n----\n", results.Select(r => r.ToString())));
        var loser = results.Single(r => r.ExitCode != 0);
        // The other fails on the lock, on its stale saved plan, or, when it got the lock only after
        // the winner's Apply, on a plan that would replace the machine the winner just made.
        Assert.True(loser.Output.Contains("Error acquiring the state lock", StringComparison.Ordinal)
                    || loser.Output.Contains("Saved plan is stale", StringComparison.Ordinal)
                    || loser.Output.Contains("gained a machine after this run's Init", StringComparison.Ordinal), "the other fails on the lock:\n" + loser);
        var winnerDir = results[0].ExitCode == 0 ? _first : _second;
        var loserDir = results[0].ExitCode == 0 ? _second : _first;
        var machine = winnerDir.MachineId("pga");

        Assert.True(Resources("pga") > 0, "the machine is in the state");
        Assert.Equal(0, Resources("pgb")); // the other deployment's state is its own
        Assert.NotEmpty(HostResidue.Of(machine));

        // The loser's folder takes the machine from the state: no change, same machine.
        var plan = CliRun.Run(loserDir.Dir, _env, Long, "--target=Plan", "--deployment=pga");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("Plan for pga: no changes", plan.Output);
        Assert.Equal(machine, loserDir.MachineId("pga"));

        var destroy = CliRun.Run(loserDir.Dir, _env, Long, "--target=Destroy", "--deployment=pga", "--force");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.Empty(HostResidue.Of(machine));
        Assert.Equal(0, Resources("pga"));
        var nothing = CliRun.Run(_first.Dir, _env, Long, "--target=Destroy", "--deployment=pgb", "--force");
        Assert.True(nothing.ExitCode == 0, nothing.ToString());
        Assert.Contains("has nothing to destroy (its pg state holds no resources)", nothing.Output);
    }

    private int Resources(string deployment) =>
        JsonDocument.Parse(_postgres!.Sql($"SELECT data FROM roughneck_{deployment}.states WHERE name = 'default'", "fleet"))
            .RootElement.GetProperty("resources").GetArrayLength();

    public void Dispose()
    {
        if (_postgres is not null)
        {
            CliRun.Run(_second.Dir, _env, TimeSpan.FromMinutes(5), "--target=Destroy", "--deployment=pga", "--force");
            _postgres.Dispose();
        }
        _first.Dispose();
        _second.Dispose();
    }
}
