using System.Diagnostics;
using System.Text.Json;
using Roughneck.Deployments;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration.Fleet;

/// <summary>
/// The fleet's command line through the real ./build.sh, without sandboxes: Matrix alone on
/// stdout, selection refusals that start nothing, Destroy refused without a terminal.
/// </summary>
[Collection("cli")]
public sealed class FleetCliTests : IDisposable
{
    private readonly TempDeployments _deployments = new();

    private static (int Exit, string Stdout, string Stderr) RunSplit(string deploymentsDir, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(RepoRoot.Combine("build.sh"))
        {
            WorkingDirectory = RepoRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["ROUGHNECK_DEPLOYMENTS_DIR"] = deploymentsDir;
        start.Environment.Remove("GITHUB_OUTPUT");
        start.Environment.Remove("GITHUB_ACTIONS");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "build.sh did not finish");
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private void AddThree()
    {
        _deployments.Add("fleet-a", TempDeployments.LocalSpec());
        _deployments.Add("fleet-b", TempDeployments.LocalSpec() + "tags: {team: agents}\n");
        _deployments.Add("other", TempDeployments.LocalSpec() + "tags: {team: agents}\n");
    }

    [Fact]
    public void Matrix_prints_only_the_matrix_json_on_stdout_and_writes_GITHUB_OUTPUT()
    {
        AddThree();
        using var dir = new TempDirectory();
        var output = dir.Write("github_output", "earlier=1\n");

        var (exit, stdout, stderr) = RunSplit(_deployments.Dir, new Dictionary<string, string> { ["GITHUB_OUTPUT"] = output },
            "--target=Matrix", "--deployment=fleet-*");

        Assert.True(exit == 0, stderr);
        const string expected = """{"include":[{"deployment":"fleet-a","provider":"local","region":"local"},{"deployment":"fleet-b","provider":"local","region":"local"}]}""";
        Assert.Equal(expected + "\n", stdout); // the JSON and nothing else: no banner, no task summary
        using (var parsed = JsonDocument.Parse(stdout)) Assert.Equal(2, parsed.RootElement.GetProperty("include").GetArrayLength());
        Assert.Contains("Matrix", stderr); // Cake's own output is still there, on stderr (positive control)
        Assert.Equal("earlier=1\nmatrix=" + expected + "\n", File.ReadAllText(output));
        Assert.False(Directory.Exists(_deployments.Work("fleet-a")), "Matrix writes nothing in the deployments");
    }

    [Fact]
    public void Matrix_selects_by_tags_and_takes_everything_without_a_selection()
    {
        AddThree();
        var tagged = RunSplit(_deployments.Dir, null, "--target=Matrix", "--tags=team:agents");
        Assert.True(tagged.Exit == 0, tagged.Stderr);
        Assert.Equal(new[] { "fleet-b", "other" }, Names(tagged.Stdout));

        var all = RunSplit(_deployments.Dir, null, "--target=Matrix");
        Assert.True(all.Exit == 0, all.Stderr);
        Assert.Equal(new[] { "fleet-a", "fleet-b", "other" }, Names(all.Stdout));

        // Cake's other spelling, and any case: still the JSON alone on stdout.
        var spaced = RunSplit(_deployments.Dir, null, "--target", "matrix");
        Assert.True(spaced.Exit == 0, spaced.Stderr);
        Assert.Equal(all.Stdout, spaced.Stdout);
    }

    [Fact]
    public void A_selection_naming_an_unknown_deployment_starts_nothing()
    {
        AddThree();
        var result = CliRun.Run(_deployments.Dir, "--target=Plan", "--deployment=fleet-a,fleet-c");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no deployment named 'fleet-c'", result.Output);
        Assert.Contains("did you mean 'fleet-a'", result.Output);
        Assert.False(Directory.Exists(_deployments.Work("fleet-a")), "nothing may start for a bad selection:\n" + result);
    }

    [Fact]
    public void An_invalid_spec_in_the_selection_stops_the_whole_run_before_anything_starts()
    {
        AddThree();
        _deployments.Add("fleet-bad", "provider: local\nsize: huge\n");
        var result = CliRun.Run(_deployments.Dir, "--target=Plan", "--deployment=fleet-*");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("fleet-bad", result.Output);
        Assert.Contains("size", result.Output);
        Assert.False(Directory.Exists(_deployments.Work("fleet-a")), result.ToString());
    }

    [SkippableFact]
    public void Destroy_without_force_and_without_a_terminal_is_refused_and_destroys_nothing()
    {
        Requirements.LocalSandbox();
        AddThree();
        var init = CliRun.Run(_deployments.Dir, "--target=Init", "--deployment=fleet-a,fleet-b");
        Assert.True(init.ExitCode == 0, init.ToString());
        var tfvars = Path.Combine(_deployments.Work("fleet-a"), "tfvars.json");
        Assert.True(File.Exists(tfvars), init.ToString());

        foreach (var selection in new[] { "--deployment=fleet-a", "--deployment=fleet-a,fleet-b" })
        {
            var refused = CliRun.Run(_deployments.Dir, "--target=Destroy", selection);
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("pass --force", refused.Output);
            Assert.True(File.Exists(tfvars), "a refused Destroy removed files:\n" + refused);
        }

        // Positive control: with --force the same Destroy does remove them.
        var forced = CliRun.Run(_deployments.Dir, "--target=Destroy", "--deployment=fleet-a,fleet-b", "--force");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.False(File.Exists(tfvars), forced.ToString());
    }

    [SkippableFact]
    public void Under_GitHub_Actions_tasks_are_grouped_failures_are_annotated_and_plan_md_goes_to_the_job_summary()
    {
        Requirements.LocalSandbox();
        _deployments.Add("fleet-gha", TempDeployments.LocalSpec());
        using var dir = new TempDirectory();
        var summary = dir.Write("summary.md", "");
        var environment = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["CI"] = "true", ["GITHUB_STEP_SUMMARY"] = summary };

        var plan = RunSplit(_deployments.Dir, environment, "--target=Plan", "--deployment=fleet-gha");
        Assert.True(plan.Exit == 0, plan.Stdout + plan.Stderr);
        Assert.Contains("::group::Init fleet-gha\n", plan.Stdout.ReplaceLineEndings("\n"));
        Assert.Contains("::group::Plan fleet-gha\n", plan.Stdout.ReplaceLineEndings("\n"));
        Assert.Equal(2, plan.Stdout.Split('\n').Count(l => l == "::endgroup::"));
        Assert.Contains("### Plan for `fleet-gha`", File.ReadAllText(summary)); // plan.md, as Plan wrote it
        Assert.Equal(File.ReadAllText(Path.Combine(_deployments.Work("fleet-gha"), "plan.md")).TrimEnd(), File.ReadAllText(summary).TrimEnd());

        var validate = RunSplit(_deployments.Dir, environment, "--target=Validate", "--deployment=fleet-gha");
        Assert.Equal(1, validate.Exit);
        Assert.Contains("::error title=Roughneck Validate failed::deployment fleet-gha, step Validate: deployment 'fleet-gha' has no machine yet", validate.Stdout);
        // Not a terminal: no colour codes anywhere, Cake's red error line included.
        Assert.DoesNotContain("\u001b[", validate.Stdout + validate.Stderr);
        Assert.Contains("Error:", validate.Stderr);
    }

    [SkippableFact]
    public void Positive_control_cake_colours_its_error_line_when_nobody_turns_colour_off()
    {
        Requirements.Commands("dotnet");
        Assert.True(File.Exists(RepoRoot.Combine("build", ".cache", "lib", "Roughneck.dll")), "build.sh has not built the library yet");
        // dotnet cake directly: neither build.sh's NO_COLOR nor a terminal.
        var start = new ProcessStartInfo("dotnet", new[] { "cake", "build.cake", "--target=Validate", "--deployment=no-such-deployment" })
        {
            WorkingDirectory = RepoRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("NO_COLOR");
        start.Environment["ROUGHNECK_DEPLOYMENTS_DIR"] = _deployments.Dir;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)));
        process.WaitForExit();
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("\u001b[", stdout.Result + stderr.Result);
    }

    [SkippableFact]
    public void One_failure_stops_nothing_else_unless_fail_fast_which_starts_no_further_deployment()
    {
        Requirements.LocalSandbox();
        Requirements.Commands("flock");
        AddThree();
        SecureFiles.EnsureDirectory(_deployments.Work("fleet-a"));
        var lockFile = Path.Combine(_deployments.Work("fleet-a"), "lock");
        using var holder = Process.Start(new ProcessStartInfo("flock", new[] { "-x", lockFile, "sleep", "600" }) { UseShellExecute = false })!;
        try
        {
            var watch = Stopwatch.StartNew();
            while (ProcessCapture.Run("flock", "/", "-n", "-x", lockFile, "true").Exit == 0 && watch.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(100);

            var fast = CliRun.Run(_deployments.Dir, "--target=Plan", "--deployment=fleet-a,fleet-b,other", "--parallel=1", "--fail-fast");
            Assert.Equal(1, fast.ExitCode);
            Assert.Matches(@"(?m)^fleet-a\s+Plan\s+FAILED at Init\s+.*is locked", fast.Output);
            Assert.Matches(@"(?m)^fleet-b\s+Plan\s+stopped\s+\S+\s+not started$", fast.Output);
            Assert.Matches(@"(?m)^other\s+Plan\s+stopped\s+\S+\s+not started$", fast.Output);
            Assert.False(Directory.Exists(_deployments.Work("fleet-b")), "--fail-fast started another deployment:\n" + fast);

            // Control: the same run without --fail-fast plans the two others.
            var all = CliRun.Run(_deployments.Dir, "--target=Plan", "--deployment=fleet-a,fleet-b,other", "--parallel=1");
            Assert.Equal(1, all.ExitCode);
            Assert.Matches(@"(?m)^fleet-b\s+Plan\s+ok\s+\S+\s+1 to add", all.Output);
            Assert.Matches(@"(?m)^other\s+Plan\s+ok\s+\S+\s+1 to add", all.Output);
            Assert.Contains("3 deployment(s): 2 succeeded, 1 failed", all.Output);
        }
        finally
        {
            holder.Kill(entireProcessTree: true); // flock and the sleep that holds the lock
            holder.WaitForExit();
        }
    }

    [SkippableFact]
    public void On_a_terminal_Destroy_asks_for_each_name_and_only_the_right_names_destroy()
    {
        Requirements.LocalSandbox();
        Requirements.Commands("script");
        AddThree();
        var init = CliRun.Run(_deployments.Dir, "--target=Init", "--deployment=fleet-a,fleet-b");
        Assert.True(init.ExitCode == 0, init.ToString());
        var tfvarsA = Path.Combine(_deployments.Work("fleet-a"), "tfvars.json");
        var tfvarsB = Path.Combine(_deployments.Work("fleet-b"), "tfvars.json");

        // script(1) gives build.sh a pseudo-terminal; what we write to its input is typed there.
        (int Exit, string Output) Typed(string typed, params string[] arguments)
        {
            var command = RepoRoot.Combine("build.sh") + " " + string.Join(" ", arguments);
            var start = new ProcessStartInfo("script", new[] { "-qec", command, "/dev/null" })
            {
                WorkingDirectory = RepoRoot.Path,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["ROUGHNECK_DEPLOYMENTS_DIR"] = _deployments.Dir;
            start.Environment["NO_COLOR"] = "1";
            start.Environment.Remove("CI");
            start.Environment.Remove("GITHUB_ACTIONS");
            start.Environment["ROUGHNECK_CREDENTIALS_FILE"] = "";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            // Type only once the question is on the screen, like a person would.
            var watch = Stopwatch.StartNew();
            foreach (var line in typed.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Thread.Sleep(TimeSpan.FromSeconds(watch.Elapsed < TimeSpan.FromSeconds(1) ? 8 : 1));
                process.StandardInput.Write(line + "\r");
                process.StandardInput.Flush();
            }
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "Destroy on a terminal did not finish");
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr.Result);
        }

        var wrong = Typed("fleet-a\nfleet-a\n", "--target=Destroy", "--deployment=fleet-a,fleet-b");
        Assert.NotEqual(0, wrong.Exit);
        Assert.Contains("Type 'fleet-b' to destroy it", wrong.Output);
        Assert.Contains("'fleet-a' is not 'fleet-b'", wrong.Output);
        Assert.True(File.Exists(tfvarsA) && File.Exists(tfvarsB), "a refused Destroy removed files:\n" + wrong.Output);

        var right = Typed("fleet-a\nfleet-b\n", "--target=Destroy", "--deployment=fleet-a,fleet-b");
        Assert.True(right.Exit == 0, right.Output);
        Assert.Contains("  - fleet-b", right.Output); // the list first
        Assert.False(File.Exists(tfvarsA) || File.Exists(tfvarsB), right.Output);
    }

    private static string[] Names(string matrix)
    {
        using var json = JsonDocument.Parse(matrix);
        return json.RootElement.GetProperty("include").EnumerateArray().Select(e => e.GetProperty("deployment").GetString()!).ToArray();
    }

    public void Dispose() => _deployments.Dispose();
}
