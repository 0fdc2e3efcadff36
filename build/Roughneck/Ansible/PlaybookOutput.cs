using System.Globalization;
using System.Text.RegularExpressions;

namespace Roughneck.Ansible;

public sealed record HostRecap(string Host, int Ok, int Changed, int Unreachable, int Failed, int Skipped);

public sealed record TaskFailure(string Host, string Task, string Message);

/// <summary>
/// A task that reported "changed" (in check mode: would change), with the role it belongs to ("" for play-level tasks)
/// and, when the run showed diffs, the paths they named (comma-separated, in order).
/// </summary>
public sealed record ChangedTask(string Host, string Role, string Task, string Paths = "");

/// <summary>Follows ansible-playbook's default output: the current task, failures, and the recap.</summary>
public sealed partial class PlaybookOutput
{
    private string _task = "";
    private readonly List<string> _diffPaths = new();

    public List<TaskFailure> Failures { get; } = new();
    public List<HostRecap> Recap { get; } = new();
    public List<ChangedTask> Changed { get; } = new();

    [GeneratedRegex(@"^TASK \[(?<task>.*)\]")]
    private static partial Regex TaskLine();

    [GeneratedRegex(@"^(fatal|failed): \[(?<host>[^\]]+)\].*?(=> (?<body>.*))?$")]
    private static partial Regex FailureLine();

    [GeneratedRegex(@"^changed: \[(?<host>[^\]]+)\]")]
    private static partial Regex ChangedLine();

    [GeneratedRegex(@"^--- before: (?<path>/\S*)")]
    private static partial Regex DiffHeader();

    [GeneratedRegex(@"^(?<host>\S+)\s+:\s+ok=(?<ok>\d+)\s+changed=(?<changed>\d+)\s+unreachable=(?<unreachable>\d+)\s+failed=(?<failed>\d+)\s+skipped=(?<skipped>\d+)")]
    private static partial Regex RecapLine();

    [GeneratedRegex("\"msg\":\\s*\"(?<msg>(\\\\.|[^\"\\\\])*)\"")]
    private static partial Regex MessageField();

    public void Accept(string line)
    {
        var trimmed = line.Trim();
        if (trimmed == "...ignoring" && Failures.Count > 0)
        {
            // Ansible prints this on the line after the failure it ignores.
            Failures.RemoveAt(Failures.Count - 1);
            return;
        }
        if (TaskLine().Match(trimmed) is { Success: true } task)
        {
            _task = task.Groups["task"].Value;
            _diffPaths.Clear();
            return;
        }
        if (FailureLine().Match(trimmed) is { Success: true } failure)
        {
            var body = failure.Groups["body"].Value;
            var message = MessageField().Match(body) is { Success: true } m ? Regex.Unescape(m.Groups["msg"].Value) : body;
            Failures.Add(new TaskFailure(failure.Groups["host"].Value, _task, Shorten(message)));
            return;
        }
        if (DiffHeader().Match(trimmed) is { Success: true } diff)
        {
            var path = diff.Groups["path"].Value;
            if (!_diffPaths.Contains(path)) _diffPaths.Add(path);
            return;
        }
        if (ChangedLine().Match(trimmed) is { Success: true } changed)
        {
            var host = changed.Groups["host"].Value;
            var separator = _task.IndexOf(" : ", StringComparison.Ordinal);
            var (role, name) = separator > 0 ? (_task[..separator], _task[(separator + 3)..]) : ("", _task);
            var entry = new ChangedTask(host, role, name, string.Join(", ", _diffPaths));
            // A loop prints one line per item: one entry per task, naming every path so far.
            var earlier = Changed.FindIndex(c => c.Host == host && c.Role == role && c.Task == name);
            if (earlier >= 0) Changed[earlier] = entry;
            else Changed.Add(entry);
            return;
        }
        if (RecapLine().Match(trimmed) is { Success: true } recap)
        {
            int N(string g) => int.Parse(recap.Groups[g].Value, CultureInfo.InvariantCulture);
            Recap.Add(new HostRecap(recap.Groups["host"].Value, N("ok"), N("changed"), N("unreachable"), N("failed"), N("skipped")));
        }
    }

    public int TotalChanged => Recap.Sum(r => r.Changed);

    public string Describe()
    {
        if (Failures.Count == 0) return "ansible-playbook failed";
        return string.Join("; ", Failures.Select(f => $"host {f.Host} failed at task '{f.Task}': {f.Message}"));
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
