using System.Globalization;
using System.Text;
using System.Text.Json;
using Roughneck.Deployments;
using Roughneck.Pricing;
using Roughneck.Targets;

namespace Roughneck.Operator;

/// <summary>
/// The end of Deploy: where the workspace is, how to log in and reach code-server, what it costs,
/// how Validate went and how long it all took. Printed, and written as Markdown to
/// reports/deploy.md, which the CI job summary picks up.
/// </summary>
public static class DeploySummary
{
    public static void Run(Session s)
    {
        var (outputs, target) = Machine.Of(s);
        var cost = CostEstimate.For(s.Providers, s.Spec.Provider, outputs.Size.Length > 0 ? outputs.Size : s.Spec.Size, outputs.Region.Length > 0 ? outputs.Region : s.Spec.Region);
        var lines = Lines(s.Spec, outputs.Address, outputs.Port, target, cost, ValidateResult(s.Paths), s.Clock.Elapsed);
        SecureFiles.EnsureDirectory(s.Paths.ReportsDir);
        SecureFiles.Write(MarkdownFile(s.Paths), Markdown(s.Spec.Name, lines));
        s.Log.Info("");
        s.Log.Info($"Deploy of {s.Spec.Name} done.");
        var width = lines.Max(l => l.Label.Length);
        foreach (var (label, value) in lines) s.Log.Info($"  {label.PadRight(width)}  {value}");
    }

    public static string MarkdownFile(DeploymentPaths paths) => Path.Combine(paths.ReportsDir, "deploy.md");

    public static IReadOnlyList<(string Label, string Value)> Lines(DeploymentSpec spec, string address, int port, Ssh.SshTarget target,
        CostEstimate? cost, string validate, TimeSpan took)
    {
        var lines = new List<(string, string)>
        {
            ("address", $"{address}:{port.ToString(CultureInfo.InvariantCulture)} ({spec.Provider}, {spec.Region}, {spec.Size})"),
            ("ssh", $"./build.sh --target=Ssh --deployment={spec.Name}   (or: {TunnelStep.Command(target.SshArguments(batch: false))})"),
        };
        if (spec.FeatureOn("code_server"))
        {
            lines.Add(spec.FeatureOn("tls")
                ? ("code-server", $"https://{(spec.Tls.Domain.Length > 0 ? spec.Tls.Domain : address)}/")
                : ("code-server", $"./build.sh --target=Tunnel --deployment={spec.Name}   then http://127.0.0.1:{TunnelStep.RemotePort}/"));
            lines.Add(("password", TunnelStep.PasswordCommand(target)));
        }
        lines.Add(("cost", cost is null ? "unknown (size not in the catalog)" : cost.OneLine.Replace("cost: ", "", StringComparison.Ordinal)));
        lines.Add(("validate", validate));
        lines.Add(("took", took.TotalMinutes >= 1 ? $"{(int)took.TotalMinutes} min {took.Seconds} s" : $"{took.TotalSeconds:0} s"));
        return lines;
    }

    public static string ValidateResult(DeploymentPaths paths)
    {
        var report = Path.Combine(paths.ReportsDir, "validate.json");
        if (!File.Exists(report)) return "not run";
        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        var root = doc.RootElement;
        int Count(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
        var ok = root.GetProperty("success").GetBoolean();
        return $"{(ok ? "passed" : "FAILED")}: {Count("passed")} passed, {Count("failed")} failed, {Count("not_applicable")} not applicable";
    }

    public static string Markdown(string name, IReadOnlyList<(string Label, string Value)> lines)
    {
        var text = new StringBuilder($"### Deployment `{name}`\n\n| | |\n|---|---|\n");
        foreach (var (label, value) in lines)
        {
            var cell = value.Replace("|", "\\|", StringComparison.Ordinal);
            text.Append($"| {label} | {(value.StartsWith("./build.sh", StringComparison.Ordinal) || value.StartsWith("ssh ", StringComparison.Ordinal) ? "`" + cell + "`" : cell)} |\n");
        }
        return text.ToString();
    }
}
