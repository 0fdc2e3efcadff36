using System.Diagnostics;
using System.Text.Json;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Roughneck.Tests.Integration.Fleet;

/// <summary>
/// The selection steps of fleet.yml and nightly.yml, run as the runner would run them (the
/// workflow's own run: script, its shell, a fake GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and
/// RUNNER_TEMP) over a throwaway deployments folder.
/// </summary>
[Collection("cli")]
public sealed class WorkflowSelectionTests : IDisposable
{
    private readonly TempDeployments _deployments = new();
    private readonly TempDirectory _runner = new();

    public WorkflowSelectionTests()
    {
        _deployments.Add("gastown-eu", "provider: hetzner\nregion: fsn1\nssh: {allowed_cidrs: [203.0.113.0/24]}\ntags: {team: agents}\n");
        _deployments.Add("gastown-us", "provider: aws\nregion: us-east-1\nssh: {allowed_cidrs: [203.0.113.0/24]}\ntags: {team: agents}\n");
        _deployments.Add("local-demo", TempDeployments.LocalSpec() + "tags: {purpose: demo}\n");
    }

    [Theory]
    [InlineData("fleet.yml", "", "team:agents", new[] { "gastown-eu", "gastown-us" })]
    [InlineData("fleet.yml", "gastown-e*,local-demo", "", new[] { "gastown-eu", "local-demo" })]
    [InlineData("fleet.yml", "", "", new[] { "gastown-eu", "gastown-us", "local-demo" })]
    [InlineData("nightly.yml", "gastown-*", "team:agents", new[] { "gastown-eu", "gastown-us" })]
    [InlineData("nightly.yml", "", "team:nobody", new string[0])]
    public void The_selection_step_writes_the_matrix_and_its_count_to_GITHUB_OUTPUT(string workflow, string deployments, string tags, string[] expected)
    {
        var (exit, output, log) = RunSelectStep(workflow, deployments, tags);

        Assert.True(exit == 0, log);
        var lines = File.ReadAllLines(output);
        var matrix = Assert.Single(lines, l => l.StartsWith("matrix=", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(matrix["matrix=".Length..]);
        var names = json.RootElement.GetProperty("include").EnumerateArray().Select(e => e.GetProperty("deployment").GetString()).ToArray();
        Assert.Equal(expected, names);
        Assert.Contains($"count={expected.Length}", lines);
        foreach (var entry in json.RootElement.GetProperty("include").EnumerateArray())
        {
            Assert.Equal(new[] { "deployment", "provider", "region" }, entry.EnumerateObject().Select(p => p.Name).ToArray());
        }
        var summary = File.ReadAllText(Path.Combine(_runner.Path, "summary.md"));
        foreach (var name in expected) Assert.Contains($"- {name} (", summary);
    }

    [Fact]
    public void A_selection_naming_an_unknown_deployment_fails_the_step_and_writes_no_matrix()
    {
        var (exit, output, log) = RunSelectStep("fleet.yml", "gastown-ey", "");
        Assert.NotEqual(0, exit);
        Assert.Contains("did you mean 'gastown-eu'", log);
        Assert.DoesNotContain("matrix=", File.Exists(output) ? File.ReadAllText(output) : "");
    }

    private (int Exit, string Output, string Log) RunSelectStep(string workflow, string deployments, string tags)
    {
        var (shell, script, env) = SelectStep(workflow);
        Assert.Equal(new[] { "DEPLOYMENTS", "TAGS" }, env.Order());
        var output = Path.Combine(_runner.Path, "github_output");
        File.WriteAllText(output, "");
        File.WriteAllText(Path.Combine(_runner.Path, "summary.md"), "");
        var file = _runner.Write("select.sh", script);

        // The step's shell line, e.g. "bash --noprofile --norc -euo pipefail {0}".
        var parts = shell.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = new ProcessStartInfo(parts[0])
        {
            WorkingDirectory = RepoRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var part in parts.Skip(1)) start.ArgumentList.Add(part == "{0}" ? file : part);
        start.Environment["DEPLOYMENTS"] = deployments;
        start.Environment["TAGS"] = tags;
        start.Environment["GITHUB_OUTPUT"] = output;
        start.Environment["GITHUB_STEP_SUMMARY"] = Path.Combine(_runner.Path, "summary.md");
        start.Environment["RUNNER_TEMP"] = _runner.Path;
        start.Environment["GITHUB_ACTIONS"] = "true";
        start.Environment["CI"] = "true";
        start.Environment["ROUGHNECK_DEPLOYMENTS_DIR"] = _deployments.Dir;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "the selection step did not finish");
        process.WaitForExit();
        return (process.ExitCode, output, $"exit {process.ExitCode}\n{stdout.Result}\n{stderr.Result}");
    }

    private static (string Shell, string Script, IReadOnlyList<string> Env) SelectStep(string workflow)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(RepoRoot.Combine(".github", "workflows", workflow))));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var shell = ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)root["defaults"])["run"])["shell"]).Value!;
        foreach (var job in ((YamlMappingNode)root["jobs"]).Children.Values.OfType<YamlMappingNode>())
        {
            if (!job.Children.TryGetValue("steps", out var steps)) continue;
            foreach (var step in ((YamlSequenceNode)steps).Children.OfType<YamlMappingNode>())
            {
                if (step.Children.TryGetValue("id", out var id) && ((YamlScalarNode)id).Value == "select")
                {
                    var env = ((YamlMappingNode)step["env"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();
                    return (shell, ((YamlScalarNode)step["run"]).Value!, env);
                }
            }
        }
        throw new InvalidOperationException($"{workflow} has no step with id: select");
    }

    public void Dispose()
    {
        _runner.Dispose();
        _deployments.Dispose();
    }
}
