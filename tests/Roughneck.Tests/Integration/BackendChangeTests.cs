using System.Text.Json;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>
/// Moving a deployment that has a machine from local state to pg: refused without --migrate-state
/// (never an empty state and a second machine), migrated with it, and the machine is the same.
/// </summary>
public sealed class BackendChangeTests : IDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(20);
    private readonly TempDeployments _deployments = new();
    private PostgresServer? _postgres;
    private Dictionary<string, string> _env = new();

    [SkippableFact]
    public void Changing_the_backend_under_a_machine_is_refused_until_migrate_state_copies_it()
    {
        Requirements.LocalSandbox();
        _postgres = PostgresServer.Start(Requirements.Postgres());
        _env = new Dictionary<string, string> { ["PG_CONN_STR"] = _postgres.CreateDatabase("moved") };
        var features = "features:\n" + TempDeployments.LocalSpec().Split("features:\n")[1];
        var folder = _deployments.Add("moved", "provider: local\nssh:\n  user: dev\n" + features);
        var apply = CliRun.Run(_deployments.Dir, _env, Long, "--target=Apply", "--deployment=moved");
        Assert.True(apply.ExitCode == 0, apply.ToString());
        var machine = _deployments.MachineId("moved");
        var localState = Path.Combine(_deployments.Work("moved"), "terraform.tfstate");
        var before = File.ReadAllText(localState);

        File.WriteAllText(Path.Combine(folder, "deployment.yaml"), "provider: local\nssh:\n  user: dev\nstate:\n  backend: pg\n" + features);
        var refused = CliRun.Run(_deployments.Dir, _env, Long, "--target=Plan", "--deployment=moved");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("the state backend of 'moved' changed (from local to pg)", refused.Output);
        Assert.Contains("--migrate-state", refused.Output);
        Assert.Contains("terraform init -migrate-state", refused.Output);
        Assert.Equal(before, File.ReadAllText(localState));
        Assert.Empty(_postgres.Schemas("moved")); // nothing was started on the new backend

        var migrated = CliRun.Run(_deployments.Dir, _env, Long, "--target=Plan", "--deployment=moved", "--migrate-state");
        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        Assert.Contains("Plan for moved: no changes", migrated.Output);
        var state = JsonDocument.Parse(_postgres.Sql("SELECT data FROM roughneck_moved.states WHERE name = 'default'", "moved")).RootElement;
        Assert.True(state.GetProperty("resources").GetArrayLength() > 0, "the machine moved into pg");

        var destroy = CliRun.Run(_deployments.Dir, _env, Long, "--target=Destroy", "--deployment=moved", "--force");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.Empty(HostResidue.Of(machine));
    }

    public void Dispose()
    {
        if (_postgres is not null)
        {
            CliRun.Run(_deployments.Dir, _env, TimeSpan.FromMinutes(5), "--target=Destroy", "--deployment=moved", "--force");
            _postgres.Dispose();
        }
        _deployments.Dispose();
    }
}
