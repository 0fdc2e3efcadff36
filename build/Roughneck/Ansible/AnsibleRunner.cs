using Roughneck.Processes;

namespace Roughneck.Ansible;

public sealed class AnsibleException : Exception
{
    public AnsibleException(string message) : base(message) { }
}

/// <summary>Runs ansible-playbook with live output and names the failing host and task.</summary>
public sealed class AnsibleRunner
{
    private readonly IProcessRunner _processes;

    public AnsibleRunner(IProcessRunner processes) => _processes = processes;

    public async Task<PlaybookOutput> RunAsync(AnsiblePlaybookSettings settings, CancellationToken ct = default)
    {
        var output = new PlaybookOutput();
        var result = await _processes.RunAsync(
            new ProcessSpec("ansible-playbook", settings.ToArguments(), settings.AnsibleDir, settings.ToEnvironment()),
            new ProcessOptions { Stream = true, Timeout = TimeSpan.FromMinutes(45), OnOutputLine = output.Accept },
            ct);
        if (result.ExitCode != 0)
        {
            var unreachable = output.Recap.Where(r => r.Unreachable > 0).Select(r => r.Host).ToList();
            var reason = unreachable.Count > 0 && output.Failures.Count == 0
                ? $"host {string.Join(", ", unreachable)} unreachable over SSH"
                : output.Describe();
            // update.yml is the Update target's play: name the play, not "Provision", when it fails.
            var what = Path.GetFileName(settings.Playbook) == "site.yml" ? "Provision" : Path.GetFileName(settings.Playbook);
            throw new AnsibleException($"{what} failed (ansible-playbook exit {result.ExitCode}): {reason}");
        }
        return output;
    }
}
