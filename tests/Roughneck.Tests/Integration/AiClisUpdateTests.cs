using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Roughneck.Tests.Integration;

/// <summary>
/// The AI CLIs come from their committed locks (npm ci, unprivileged user, own folder); a converged
/// run installs nothing, and a tampered lock or command link is named by Drift and repaired by
/// Provision; the ai_clis part of Update regenerates a lock on the controller before it converges
/// the machine.
/// </summary>
[Collection("sandbox")]
public sealed class AiClisUpdateTests(ITestOutputHelper log) : SandboxTest(log)
{
    private readonly TempDirectory _locks = new();

    [SkippableFact]
    public void Update_regenerates_the_lock_on_the_controller_and_the_cli_runs_from_npm_ci()
    {
        Requirements.LocalSandbox();
        Requirements.Commands("npm", "node");
        // A copy of the committed locks, so that the test never rewrites the checkout's.
        var committed = RepoRoot.Combine("ansible", "roles", "ai_clis", "files");
        foreach (var file in Directory.EnumerateFiles(committed, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_locks.Path, Path.GetRelativePath(committed, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        Deployments.Add("clis", TempDeployments.LocalSpec("node", "ai_clis")
            + "ai_clis: [codex]\nansible:\n  vars:\n    common_build_essential: false\n    node_mise_enabled: false\n    ai_clis_lock_dir: " + _locks.Path + "\n");

        var deploy = Run("--target=Deploy", "--deployment=clis");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        var (_, installed) = Guest(
            "stat -c '%U %n' /opt/roughneck/ai-clis/codex/node_modules/@openai/codex/package.json",
            "test -e /opt/roughneck/ai-clis/codex/node_modules/.package-lock.json && echo 'npm ci tree present'",
            "test -e /usr/local/lib/node_modules/@openai/codex || echo 'no global install'",
            "readlink /usr/local/bin/codex",
            "codex --version");
        Log.WriteLine(installed);
        Assert.Contains("roughneck-npm /opt/roughneck/ai-clis/codex/node_modules/@openai/codex/package.json", installed, StringComparison.Ordinal);
        Assert.Contains("npm ci tree present", installed, StringComparison.Ordinal);
        Assert.Contains("no global install", installed, StringComparison.Ordinal);
        Assert.Contains("/opt/roughneck/ai-clis/codex/node_modules/.bin/codex", installed, StringComparison.Ordinal);
        Assert.Contains("0.169.0", installed, StringComparison.Ordinal);

        // Converged: Drift sees nothing, and a Provision runs no npm ci.
        var clean = Run("--target=Drift", "--deployment=clis");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        // Behind the tool's back: the copied lock of codex and its command's link.
        var (tamperExit, tampered) = Guest(
            "echo '{}' | sudo -n tee -a /opt/roughneck/ai-clis/codex/package-lock.json >/dev/null",
            "sudo -n ln -sfn /bin/true /usr/local/bin/codex",
            "readlink /usr/local/bin/codex");
        Assert.True(tamperExit == 0 && tampered.Contains("/bin/true", StringComparison.Ordinal), "could not change the machine: " + tampered);
        var drift = Run("--target=Drift", "--deployment=clis");
        Assert.Equal(2, drift.ExitCode);
        Assert.Matches(@"FAIL\s+ai_clis: Copy each selected AI CLI's package.json and lock.*would change /opt/roughneck/ai-clis/codex/package-lock.json \(check mode\)", drift.Output);
        Assert.Matches(@"FAIL\s+ai_clis: Put the selected AI CLIs' commands on PATH\s+would change /usr/local/bin/codex \(check mode\)", drift.Output);
        // Provision puts the lock back and installs its tree again (the changed lock calls for npm ci).
        const string npmCi = "TASK [ai_clis : Install each selected AI CLI's locked tree (npm ci)]";
        var repair = Run("--target=Provision", "--deployment=clis");
        Assert.True(repair.ExitCode == 0, repair.ToString());
        Assert.Contains(npmCi, repair.Output, StringComparison.Ordinal);
        var (_, repaired) = Guest("readlink /usr/local/bin/codex", "codex --version",
            "sha256sum < /opt/roughneck/ai-clis/codex/package-lock.json");
        Assert.Contains("/opt/roughneck/ai-clis/codex/node_modules/.bin/codex", repaired, StringComparison.Ordinal);
        Assert.Contains("0.169.0", repaired, StringComparison.Ordinal);
        Assert.Contains(Sha256(Path.Combine(_locks.Path, "codex", "package-lock.json")), repaired, StringComparison.Ordinal);
        var converged = Run("--target=Provision", "--deployment=clis");
        Assert.True(converged.ExitCode == 0, converged.ToString());
        Assert.Contains("Provision: done, 0 changed", converged.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(npmCi, converged.Output, StringComparison.Ordinal);

        // The lock is gone from the controller's copy: Update resolves it again, then converges.
        var lockFile = Path.Combine(_locks.Path, "codex", "package-lock.json");
        File.Delete(lockFile);
        var update = Run("--target=Update", "--deployment=clis", "--only=ai_clis");
        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.Contains("TASK [ai_clis : Regenerate the AI CLIs' locks on the controller]", update.Output, StringComparison.Ordinal);
        Assert.Matches("regenerated the locks of: [a-z ]*codex", update.Output);
        Assert.True(File.Exists(lockFile), "Update wrote the lock again");
        var regenerated = File.ReadAllText(lockFile);
        Assert.Contains("\"node_modules/@openai/codex\"", regenerated, StringComparison.Ordinal);
        Assert.Contains("\"version\": \"0.169.0\"", regenerated, StringComparison.Ordinal);
        Assert.Contains("\"integrity\": \"sha512-", regenerated, StringComparison.Ordinal);
        var (_, after) = Guest("codex --version");
        Assert.Contains("0.169.0", after, StringComparison.Ordinal);

        var destroy = Run("--target=Destroy", "--deployment=clis", "--force");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
    }

    private static string Sha256(string file) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));

    private (int Exit, string Output) Guest(params string[] lines)
    {
        var print = Run("--target=Ssh", "--deployment=clis", "--print");
        var sshLine = print.Output.Split('\n').First(l => l.StartsWith("ssh ", StringComparison.Ordinal));
        var file = Path.Combine(Deployments.Dir, "probe.sh");
        File.WriteAllText(file, string.Join("\n", lines) + "\n");
        return ProcessCapture.Run("bash", RepoRoot.Path, "-c", sshLine.Replace("ssh ", "ssh -o BatchMode=yes ") + " -- bash -s < " + file);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _locks.Dispose();
        base.Dispose(disposing);
    }
}
