using System.Globalization;
using System.Text;

namespace Roughneck.Health;

/// <summary>
/// All checks as one bash script for one SSH session: they run in parallel, each under a time
/// limit, and report between markers that <see cref="Parse"/> reads back.
/// Exit 0 = passed, 3 = not applicable (first line = reason), anything else = failed.
/// </summary>
public static class CheckScript
{
    public const int NotApplicableExit = 3;
    private const string Marker = "@@ROUGHNECK-CHECK";
    public const int DefaultTimeoutSeconds = 10;

    /// <summary>How long the whole script may take: the checks run in parallel, so the slowest limit plus a margin.</summary>
    public static TimeSpan SessionLimit(IReadOnlyList<CheckDefinition> checks, int timeoutSeconds = DefaultTimeoutSeconds) =>
        TimeSpan.FromSeconds(Math.Max(60, checks.Select(c => c.TimeoutSeconds ?? timeoutSeconds).DefaultIfEmpty(timeoutSeconds).Max() + 30));

    public static string Build(IReadOnlyList<CheckDefinition> checks, int timeoutSeconds = DefaultTimeoutSeconds)
    {
        var script = new StringBuilder();
        script.AppendLine("set -u");
        script.AppendLine("export LC_ALL=C.UTF-8 PATH=\"$HOME/.local/bin:/usr/local/go/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin:$PATH\"");
        script.AppendLine("dir=$(mktemp -d)");
        script.AppendLine("trap 'rm -rf \"$dir\"' EXIT");
        for (var i = 0; i < checks.Count; i++)
        {
            var body = Convert.ToBase64String(Encoding.UTF8.GetBytes(checks[i].Run));
            script.AppendLine(CultureInfo.InvariantCulture,
                $"( start=$(date +%s%N); echo '{body}' | base64 -d > \"$dir/{i}.sh\"; timeout {checks[i].TimeoutSeconds ?? timeoutSeconds} bash \"$dir/{i}.sh\" > \"$dir/{i}.out\" 2>&1 < /dev/null; rc=$?; " +
                $"echo \"$rc $(( ($(date +%s%N) - start) / 1000000 ))\" > \"$dir/{i}.rc\" ) &");
        }
        script.AppendLine("wait");
        for (var i = 0; i < checks.Count; i++)
        {
            script.AppendLine(CultureInfo.InvariantCulture,
                $"echo \"{Marker} {i} $(cat \"$dir/{i}.rc\") $(head -c 4000 \"$dir/{i}.out\" | base64 -w0)\"");
        }
        return script.ToString();
    }

    private static string Decode(string base64)
    {
        try { return Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Trim(); }
        catch (FormatException) { return ""; }
    }

    public static IReadOnlyList<CheckResult> Parse(IReadOnlyList<CheckDefinition> checks, string output)
    {
        var seen = new Dictionary<int, CheckResult>();
        foreach (var line in output.Split('\n'))
        {
            if (!line.StartsWith(Marker + " ", StringComparison.Ordinal)) continue;
            var parts = line[(Marker.Length + 1)..].Trim().Split(' ');
            if (parts.Length < 3 || !int.TryParse(parts[0], out var index) || index < 0 || index >= checks.Count) continue;
            var check = checks[index];
            if (!int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var exit)
                || !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var millis))
            {
                seen[index] = new CheckResult(check.Role, check.Name, CheckStatus.Failed, "the check left no exit status", check.Fix, TimeSpan.Zero);
                continue;
            }
            var text = parts.Length > 3 ? Decode(parts[3]) : "";
            var status = exit switch
            {
                0 => CheckStatus.Passed,
                NotApplicableExit => CheckStatus.NotApplicable,
                _ => CheckStatus.Failed,
            };
            var detail = status switch
            {
                CheckStatus.NotApplicable => text.Split('\n')[0],
                CheckStatus.Failed when exit == 124 => "timed out" + (text.Length > 0 ? ": " + text : ""),
                CheckStatus.Failed => text.Length > 0 ? text : $"exit {exit}",
                _ => text.Split('\n')[0],
            };
            seen[index] = new CheckResult(check.Role, check.Name, status, detail, check.Fix, TimeSpan.FromMilliseconds(millis));
        }
        return checks.Select((c, i) => seen.TryGetValue(i, out var r)
                ? r
                : new CheckResult(c.Role, c.Name, CheckStatus.Failed, "no result (the check script did not finish)", c.Fix, TimeSpan.Zero))
            .ToList();
    }
}
