using System.Text;
using Roughneck.Health;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>CheckScript: all checks in one bash script, results read back from markers.</summary>
public class CheckScriptTests
{
    private static readonly CheckDefinition[] Checks =
    {
        new("common", "sshd active", "systemctl is-active --quiet ssh", ""),
        new("code_server", "code-server active", "systemctl is-active --quiet code-server", "journalctl -u code-server"),
        new("caddy", "certificate valid", "[ -f /etc/caddy/on ] || { echo 'tls is off'; exit 3; }", ""),
        new("docker", "daemon answers", "docker info", "systemctl restart docker"),
        new("git", "git configured", "git config --global user.name", ""),
    };

    private static string Marker(int index, int exit, long millis, string output) =>
        $"@@ROUGHNECK-CHECK {index} {exit} {millis} {Convert.ToBase64String(Encoding.UTF8.GetBytes(output))}";

    [Fact]
    public void Script_runs_every_check_under_a_timeout_and_reports_each_between_markers()
    {
        var script = CheckScript.Build(Checks, timeoutSeconds: 7);

        Assert.StartsWith("set -u", script, StringComparison.Ordinal);
        foreach (var check in Checks)
        {
            Assert.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes(check.Run)), script, StringComparison.Ordinal);
        }
        Assert.Equal(Checks.Length, script.Split("timeout 7 bash").Length - 1);
        Assert.Contains("\nwait\n", script.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        for (var i = 0; i < Checks.Length; i++)
        {
            Assert.Contains($"echo \"@@ROUGHNECK-CHECK {i} $(cat \"$dir/{i}.rc\")", script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_check_with_its_own_timeout_gets_it_and_the_session_limit_covers_it()
    {
        var checks = new[] { Checks[0], new CheckDefinition("gastown", "doctor", "gt doctor", "", TimeoutSeconds: 90) };

        var script = CheckScript.Build(checks, timeoutSeconds: 7);

        Assert.Equal(1, script.Split("timeout 7 bash").Length - 1);
        Assert.Equal(1, script.Split("timeout 90 bash").Length - 1);
        Assert.Equal(TimeSpan.FromSeconds(120), CheckScript.SessionLimit(checks));
        Assert.Equal(TimeSpan.FromSeconds(60), CheckScript.SessionLimit(Checks));
    }

    [Fact]
    public void Check_text_never_appears_verbatim_in_the_script()
    {
        var script = CheckScript.Build(new[] { new CheckDefinition("r", "quotes", "echo \"it's $HOME\" | grep -q '`'", "") });

        Assert.DoesNotContain("it's $HOME", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Markers_become_passed_failed_not_applicable_timeout_and_missing()
    {
        var output = string.Join("\n",
            "Welcome to Ubuntu 24.04 LTS",
            Marker(0, 0, 12, "active\n"),
            Marker(1, 1, 30, "Unit code-server.service could not be found.\n"),
            Marker(2, 3, 5, "tls is off\nsecond line\n"),
            Marker(3, 124, 10003, "Cannot connect to the Docker daemon\n"),
            "");

        var results = CheckScript.Parse(Checks, output);

        Assert.Equal(
            new[] { CheckStatus.Passed, CheckStatus.Failed, CheckStatus.NotApplicable, CheckStatus.Failed, CheckStatus.Failed },
            results.Select(r => r.Status));
        Assert.Equal("active", results[0].Detail);
        Assert.Equal(TimeSpan.FromMilliseconds(12), results[0].Duration);
        Assert.Equal("Unit code-server.service could not be found.", results[1].Detail);
        Assert.Equal("journalctl -u code-server", results[1].Fix);
        Assert.Equal("tls is off", results[2].Detail);
        Assert.Equal("timed out: Cannot connect to the Docker daemon", results[3].Detail);
        Assert.Equal("no result (the check script did not finish)", results[4].Detail);
        Assert.Equal(("git", "git configured"), (results[4].Role, results[4].Name));
    }

    [Fact]
    public void Silent_failure_reports_its_exit_code()
    {
        var results = CheckScript.Parse(Checks[..1], "@@ROUGHNECK-CHECK 0 2 8 \n");

        Assert.Equal(CheckStatus.Failed, results[0].Status);
        Assert.Equal("exit 2", results[0].Detail);
    }

    [Fact]
    public void Silent_timeout_says_timed_out()
    {
        Assert.Equal("timed out", CheckScript.Parse(Checks[..1], "@@ROUGHNECK-CHECK 0 124 10001 ")[0].Detail);
    }

    [Fact]
    public void Marker_without_exit_code_is_a_failed_check_not_a_crash()
    {
        // What the script prints when a check's .rc file was never written.
        var results = CheckScript.Parse(Checks[..1], "@@ROUGHNECK-CHECK 0  QUJD\n");

        Assert.Equal(CheckStatus.Failed, Assert.Single(results).Status);
    }

    [Fact]
    public void Markers_for_unknown_indexes_are_ignored()
    {
        var results = CheckScript.Parse(Checks[..1], Marker(7, 0, 1, "x") + "\n" + Marker(-1, 0, 1, "x"));

        Assert.Equal("no result (the check script did not finish)", Assert.Single(results).Detail);
    }
}
