using System.Diagnostics;
using System.Text.RegularExpressions;
using Roughneck.Deployments;
using Roughneck.Tests.Integration.Support;
using Xunit;
using Xunit.Abstractions;

namespace Roughneck.Tests.Integration.Fleet;

/// <summary>
/// Many local deployments in one run, on real sandboxes: Plan, Deploy and Destroy at once, a
/// failure that harms no other deployment, and a fleet Deploy killed midway that the next
/// Deploy converges.
/// </summary>
[Collection("sandbox")]
public sealed class FleetSandboxTests : SandboxTest
{

    public FleetSandboxTests(ITestOutputHelper log) : base(log) { }

    private string MachineId(string name) => Deployments.MachineId(name);

    [SkippableFact]
    public void Plan_Deploy_and_Destroy_over_severalDeployments_at_once_and_one_failure_harms_no_other()
    {
        Requirements.LocalSandbox();
        Requirements.Commands("flock");
        foreach (var name in new[] { "flt-a", "flt-b", "flt-c" }) Deployments.Add(name, TempDeployments.LocalSpec());

        var plan = Run("--target=Plan", "--deployment=flt-*", "--parallel=3");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        foreach (var name in new[] { "flt-a", "flt-b", "flt-c" })
        {
            Assert.Matches($@"(?m)^{name}\s+Plan\s+ok\s+\S+\s+1 to add, 0 to change, 0 to destroy$", plan.Output);
            Assert.Contains($"[{name}] Plan for {name}: 1 to add", plan.Output);
            // Its own log file, in its own folder, with its own lines only.
            var log = Assert.Single(Directory.GetFiles(Path.Combine(Deployments.Work(name), "logs"), "plan-*.log"));
            var text = File.ReadAllText(log);
            Assert.Contains($"Plan for {name}: 1 to add", text);
            Assert.DoesNotContain("Plan for flt-", text.Replace($"Plan for {name}", "", StringComparison.Ordinal));
        }
        Assert.Contains("3 deployment(s): 3 succeeded", plan.Output);

        // flt-c is locked by another run: it fails at once; flt-a and flt-b deploy regardless.
        SecureFiles.EnsureDirectory(Deployments.Work("flt-c"));
        using var holder = Process.Start(new ProcessStartInfo("flock", new[] { "-x", Path.Combine(Deployments.Work("flt-c"), "lock"), "sleep", "1800" }) { UseShellExecute = false })!;
        try
        {
            WaitUntilLocked(Path.Combine(Deployments.Work("flt-c"), "lock"));
            var deploy = Run("--target=Deploy", "--deployment=flt-a,flt-b,flt-c", "--parallel=3");
            Assert.Equal(1, deploy.ExitCode);
            Assert.Matches(@"(?m)^flt-c\s+Deploy\s+FAILED at Init\s+.*is locked by another Roughneck run", deploy.Output);
            foreach (var name in new[] { "flt-a", "flt-b" })
            {
                Assert.Matches($@"(?m)^{name}\s+Deploy\s+ok\s+\S+\s+applied: 1 to add, 0 to change, 0 to destroy; \d+ tasks changed; \d+ checks passed; summary in reports/deploy\.md$", deploy.Output);
                Assert.Matches($@"\[{name}\] +{name}: \d+ passed, 0 failed", deploy.Output);
            }
            Assert.Contains("3 deployment(s): 2 succeeded, 1 failed", deploy.Output);
        }
        finally
        {
            holder.Kill(entireProcessTree: true); // flock and the sleep that holds the lock
            holder.WaitForExit();
        }

        var validate = Run("--target=Validate", "--deployment=flt-a,flt-b");
        Assert.True(validate.ExitCode == 0, validate.ToString());

        var machines = new[] { "flt-a", "flt-b" }.ToDictionary(n => n, MachineId); // read before Destroy removes tfvars.json
        var destroy = Run("--target=Destroy", "--deployment=flt-*", "--force");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.Contains("3 deployment(s): 3 succeeded", destroy.Output);
        foreach (var name in new[] { "flt-a", "flt-b" }) Assert.Empty(HostResidue.Of(machines[name]));
        foreach (var name in new[] { "flt-a", "flt-b", "flt-c" })
        {
            Assert.False(File.Exists(Path.Combine(Deployments.Work(name), "terraform.tfstate")));
        }
    }

    [SkippableFact]
    public void A_fleet_Deploy_killed_midway_converges_on_the_next_Deploy()
    {
        Requirements.LocalSandbox();
        foreach (var name in new[] { "flk-a", "flk-b" }) Deployments.Add(name, TempDeployments.LocalSpec("tmux"));

        using (var run = CliRun.Start(Deployments.Dir, null, "--target=Deploy", "--deployment=flk-*", "--parallel=2"))
        {
            // Evidence that the run is inside a step: a playbook task of one deployment has started.
            var midway = new Regex(@"\[flk-[ab]\] +TASK \[common");
            var watch = Stopwatch.StartNew();
            while (!midway.IsMatch(run.Output) && watch.Elapsed < TimeSpan.FromMinutes(15))
            {
                Thread.Sleep(200);
            }
            Assert.True(midway.IsMatch(run.Output), "Provision never started:\n" + run.Output);
            run.KillGroup();
            Log.WriteLine("killed after:\n" + Tail(run.Output, 15));
            Assert.DoesNotContain("2 deployment(s):", run.Output); // it really was killed before the end
        }

        var deploy = Run("--target=Deploy", "--deployment=flk-*", "--parallel=2");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        foreach (var name in new[] { "flk-a", "flk-b" })
        {
            Assert.Matches($@"(?m)^{name}\s+Deploy\s+ok\s", deploy.Output);
            Assert.Matches($@"\[{name}\] +{name}: \d+ passed, 0 failed", deploy.Output);
        }

        // Converged: every deployment of the fleet validates in one more run over all of them.
        var validate = Run("--target=Validate", "--deployment=flk-*");
        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Contains("2 deployment(s): 2 succeeded", validate.Output);

        var machines = new[] { "flk-a", "flk-b" }.ToDictionary(n => n, MachineId); // read before Destroy removes tfvars.json
        var destroy = Run("--target=Destroy", "--deployment=flk-*", "--force");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        foreach (var name in new[] { "flk-a", "flk-b" }) Assert.Empty(HostResidue.Of(machines[name]));
    }

    private static void WaitUntilLocked(string lockFile)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            var probe = ProcessCapture.Run("flock", "/", "-n", "-x", lockFile, "true");
            if (probe.Exit != 0) return;
            Thread.Sleep(100);
        }
        throw new TimeoutException("flock never took " + lockFile);
    }
}
