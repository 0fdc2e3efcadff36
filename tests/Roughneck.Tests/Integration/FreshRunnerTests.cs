using System.Text.Json;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>
/// A deployment lives in its state, not on one disk: a local sandbox with pg state is deployed
/// from one folder, then planned, validated and destroyed from another folder holding only the
/// committed spec, given only PG_CONN_STR and ROUGHNECK_SSH_PRIVATE_KEY.
/// </summary>
public sealed class FreshRunnerTests : IDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(20);
    private readonly TempDeployments _laptop = new();
    private readonly TempDeployments _runner = new();
    private readonly TempDirectory _keys = new();
    private PostgresServer? _postgres;

    [SkippableFact]
    public void Fresh_folder_with_only_the_spec_and_secrets_plans_no_changes_validates_and_destroys()
    {
        Requirements.LocalSandbox();
        _postgres = PostgresServer.Start(Requirements.Postgres());
        var connection = _postgres.CreateDatabase("roughneck");
        var (ciKey, ciPublic) = NewKey("ci");
        var spec = $"provider: local\nssh:\n  user: dev\n  authorized_keys:\n    - {ciPublic}\nstate:\n  backend: pg\n" +
                   TempDeployments.LocalSpec().Split("features:\n")[1].Insert(0, "features:\n");
        _laptop.Add("fresh", spec);
        var laptopEnv = new Dictionary<string, string> { ["PG_CONN_STR"] = connection };

        // The laptop deploys with its own generated key; the spec authorizes CI's key too.
        var deploy = CliRun.Run(_laptop.Dir, laptopEnv, Long, "--target=Deploy", "--deployment=fresh");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        var machine = _laptop.MachineId("fresh");
        Assert.Contains("created the empty state of 'fresh' in schema roughneck_fresh", deploy.Output);
        Assert.NotEmpty(HostResidue.Of(machine)); // positive control for the residue check below
        Assert.False(File.Exists(Path.Combine(_laptop.Work("fresh"), "terraform.tfstate")), "pg state: no local state file");

        // The runner: another path, only the committed spec, only the two secrets.
        _runner.Add("fresh", File.ReadAllText(Path.Combine(_laptop.Dir, "fresh", "deployment.yaml")));
        var runnerEnv = new Dictionary<string, string> { ["PG_CONN_STR"] = connection, ["ROUGHNECK_SSH_PRIVATE_KEY"] = ciKey };

        var plan = CliRun.Run(_runner.Dir, runnerEnv, Long, "--target=Plan", "--deployment=fresh");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("Plan for fresh: no changes", plan.Output);
        Assert.Contains($"({machine})", plan.Output);
        Assert.False(File.Exists(Path.Combine(_runner.Work("fresh"), "ssh", "host_ed25519_key")), "no new host key for a machine the state holds");
        Assert.Equal(machine, _runner.MachineId("fresh"));

        var validate = CliRun.Run(_runner.Dir, runnerEnv, Long, "--target=Validate", "--deployment=fresh");
        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Matches(@"fresh: \d+ passed, 0 failed", validate.Output);
        Assert.Contains("login key from ROUGHNECK_SSH_PRIVATE_KEY", validate.Output);
        var keyBody = ciKey.Split('\n')[1];
        Assert.DoesNotContain(keyBody, plan.Output + validate.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateFiles(_runner.Work("fresh"), "*", SearchOption.AllDirectories),
            f => File.ReadAllText(f).Contains(keyBody, StringComparison.Ordinal));

        var destroy = CliRun.Run(_runner.Dir, runnerEnv, Long, "--target=Destroy", "--deployment=fresh", "--force");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.Contains("resource(s) in its pg state", destroy.Output);
        Assert.Empty(HostResidue.Of(machine));
        var state = JsonDocument.Parse(_postgres.Sql("SELECT data FROM roughneck_fresh.states WHERE name = 'default'", "roughneck")).RootElement;
        Assert.Equal(0, state.GetProperty("resources").GetArrayLength());

        var again = CliRun.Run(_laptop.Dir, laptopEnv, Long, "--target=Destroy", "--deployment=fresh", "--force");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("has nothing to destroy (its pg state holds no resources)", again.Output);
    }

    private (string PrivateKey, string PublicKey) NewKey(string name)
    {
        var file = _keys.Combine(name);
        var (exit, output) = ProcessCapture.Run("ssh-keygen", _keys.Path, "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", file);
        Assert.True(exit == 0, output);
        return (File.ReadAllText(file), File.ReadAllText(file + ".pub").Trim());
    }

    public void Dispose()
    {
        if (_postgres is not null)
        {
            // A failed test must not leave a sandbox behind: destroy through the state.
            CliRun.Run(_runner.Dir, new Dictionary<string, string> { ["PG_CONN_STR"] = _postgres.ConnectionString("roughneck") },
                TimeSpan.FromMinutes(5), "--target=Destroy", "--deployment=fresh", "--force");
            _postgres.Dispose();
        }
        _laptop.Dispose();
        _runner.Dispose();
        _keys.Dispose();
    }
}
