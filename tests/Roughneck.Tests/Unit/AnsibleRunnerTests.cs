using Roughneck.Ansible;
using Roughneck.Processes;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>AnsibleRunner: the exit code of ansible-playbook mapped to an error that names the play and the failing task.</summary>
public sealed class AnsibleRunnerTests
{
    /// <summary>Replays ansible-playbook's output lines and exit code (the argument building has its own tests).</summary>
    private sealed class ReplayedPlaybook(int exitCode, params string[] lines) : IProcessRunner
    {
        public ProcessSpec? Started { get; private set; }

        public Task<ProcessResult> RunAsync(ProcessSpec spec, ProcessOptions options, CancellationToken cancellation = default)
        {
            Started = spec;
            foreach (var line in lines) options.OnOutputLine?.Invoke(line);
            return Task.FromResult(new ProcessResult(exitCode, string.Join("\n", lines), "", TimeSpan.Zero));
        }
    }

    private static AnsiblePlaybookSettings Settings(string playbook) => new()
    {
        AnsibleDir = "/repo/ansible", Playbook = playbook, Inventory = "/d/inventory.yml", ExtraVarsFile = "/d/extra-vars.json",
    };

    private static readonly string[] FailedTask =
    {
        "TASK [lazygit : Check what is installed already, lazygit 0.63.0] ***",
        "fatal: [w]: FAILED! => {\"msg\": \"checksum mismatch\"}",
        "PLAY RECAP ***",
        "w : ok=3 changed=0 unreachable=0 failed=1 skipped=0 rescued=0 ignored=0",
    };

    [Theory]
    [InlineData("site.yml", "Provision failed (ansible-playbook exit 2)")]
    [InlineData("update.yml", "update.yml failed (ansible-playbook exit 2)")]
    public async Task A_failed_play_names_itself_and_the_failing_task(string playbook, string expected)
    {
        var runner = new ReplayedPlaybook(2, FailedTask);

        var error = await Assert.ThrowsAsync<AnsibleException>(() => new AnsibleRunner(runner).RunAsync(Settings(playbook)));

        Assert.StartsWith(expected + ": ", error.Message);
        Assert.Contains("lazygit", error.Message);
        Assert.Equal("ansible-playbook", runner.Started!.FileName);
    }

    [Fact]
    public async Task Exit_zero_returns_the_parsed_output_and_throws_nothing()
    {
        var output = await new AnsibleRunner(new ReplayedPlaybook(0, "PLAY RECAP ***", "w : ok=3 changed=1 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0"))
            .RunAsync(Settings("site.yml"));

        Assert.Single(output.Recap);
    }
}
