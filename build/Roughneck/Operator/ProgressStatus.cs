using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Roughneck.Operator;

/// <summary>
/// Reads the lines Terraform, the sandbox scripts and ansible-playbook print and keeps one status
/// line: resources done and in progress, the sandbox's rootfs and boot steps, Ansible's task n of
/// about N with its role, each with the elapsed time. Pure: drawing is ConsoleLog's job.
/// </summary>
public sealed partial class ProgressStatus
{
    private readonly Func<int> _ansibleTotal;
    private readonly Stopwatch _clock;
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);
    private int _done;
    private int _tasks;
    private int? _total;
    private string? _current;

    public ProgressStatus(Func<int> ansibleTotal, Stopwatch? clock = null)
    {
        _ansibleTotal = ansibleTotal;
        _clock = clock ?? Stopwatch.StartNew();
    }

    /// <summary>The status to show, or null before anything worth showing happened.</summary>
    public string? Current => _current is null ? null : $"[{Elapsed}] {_current}";

    private string Elapsed => _clock.Elapsed.TotalHours >= 1 ? _clock.Elapsed.ToString(@"h\:mm\:ss") : _clock.Elapsed.ToString(@"m\:ss");

    /// <summary>Takes one output line; true when the status changed.</summary>
    public bool Observe(string line)
    {
        var text = line.Trim();
        if (Sandbox().Match(text) is { Success: true } sandbox)
        {
            _current = "sandbox: " + sandbox.Groups["message"].Value;
            return true;
        }
        if (ResourceStarted().Match(text) is { Success: true } started)
        {
            _inProgress.Add(started.Groups["address"].Value);
            _current = TerraformStatus(started.Groups["verb"].Value.ToLowerInvariant() + " " + started.Groups["address"].Value);
            return true;
        }
        if (ResourceDone().Match(text) is { Success: true } done)
        {
            if (_inProgress.Remove(done.Groups["address"].Value)) _done++;
            _current = TerraformStatus(null);
            return true;
        }
        if (Task().Match(text) is { Success: true } task)
        {
            _tasks++;
            _total ??= _ansibleTotal();
            var role = task.Groups["role"].Success ? task.Groups["role"].Value : "play";
            var of = _total > 0 ? $" of about {Math.Max(_total.Value, _tasks)}" : "";
            _current = $"ansible: task {_tasks}{of}, role {role}: {task.Groups["name"].Value}";
            return true;
        }
        return false;
    }

    private string TerraformStatus(string? now) =>
        $"terraform: {_done} done, {_inProgress.Count} in progress" + (now is null ? "" : $" ({now})");

    /// <summary>About how many tasks the roles hold: top-level named tasks of their task files, imports not counted.</summary>
    public static int CountTasks(string rolesDir, IEnumerable<string> roles)
    {
        var count = 0;
        foreach (var role in roles)
        {
            var tasks = Path.Combine(rolesDir, role, "tasks");
            if (!Directory.Exists(tasks)) continue;
            foreach (var file in Directory.GetFiles(tasks, "*.yml").Where(f => Path.GetFileName(f) != "remove.yml"))
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (!lines[i].StartsWith("- name:", StringComparison.Ordinal)) continue;
                    var body = string.Join("\n", lines.Skip(i + 1).TakeWhile(l => !l.StartsWith("- ", StringComparison.Ordinal)));
                    if (!body.Contains("import_tasks", StringComparison.Ordinal) && !body.Contains("include_tasks", StringComparison.Ordinal)) count++;
                }
            }
        }
        return count;
    }

    [GeneratedRegex(@"\[sandbox [^\]]+\]\s+[0-9.]+s (?<message>.+)$")]
    private static partial Regex Sandbox();

    [GeneratedRegex(@"^(?<address>[\w.\[\]""-]+): (?<verb>Creating|Modifying|Destroying|Reading)\.\.\.")]
    private static partial Regex ResourceStarted();

    [GeneratedRegex(@"^(?<address>[\w.\[\]""-]+): (Creation|Modifications|Destruction|Read) complete")]
    private static partial Regex ResourceDone();

    [GeneratedRegex(@"^TASK \[(?:(?<role>[\w.-]+) : )?(?<name>.+?)\] \**$")]
    private static partial Regex Task();
}
