using System.Diagnostics;
using Roughneck.Deployments;
using Roughneck.Targets;
using Spectre.Console;

namespace Roughneck.Operator;

/// <summary>
/// Edit: the spec in $VISUAL or $EDITOR, validated on save. An invalid spec is reopened with the
/// problems on top and the user's text kept (as visudo and kubectl edit do); an unchanged file
/// changes nothing; a valid one replaces the spec in one rename. Then it offers Plan.
/// </summary>
public static class EditStep
{
    public const string ProblemPrefix = "# roughneck edit: ";

    public static void Run(Session s)
    {
        var name = s.Arguments.Deployment;
        SpecLoader.CheckName(name, "argument --deployment");
        var paths = DeploymentPaths.For(s.Repo, name);
        if (!File.Exists(paths.Spec))
        {
            throw new SpecException(new SpecProblem("argument --deployment", 0, "deployment",
                $"no deployment '{name}' to edit; create it with ./build.sh --target=New --deployment={name}",
                NearestName.Find(name, DeploymentDirectory.Names(s.Repo.DeploymentsDir))));
        }
        var editor = Editor(s.Environment);
        var original = File.ReadAllText(paths.Spec);
        var display = Path.GetRelativePath(s.Repo.Root, paths.Spec);
        var loader = new SpecLoader(s.Schema, s.Providers, s.Repo.DeploymentsDir);
        var workDir = Path.Combine(Path.GetTempPath(), $"roughneck-edit-{name}-{Environment.ProcessId}");
        SecureFiles.EnsureDirectory(workDir);
        var draft = Path.Combine(workDir, "deployment.yaml");
        try
        {
            File.WriteAllText(draft, original);
            string? rejected = null;
            while (true)
            {
                RunEditor(editor, draft);
                var text = WithoutProblems(File.ReadAllText(draft));
                if (text == original)
                {
                    s.Log.Info($"Edit: {display} unchanged; nothing to do.");
                    return;
                }
                if (text == rejected)
                {
                    throw new InvalidOperationException($"Edit: saved again without a fix; {display} is unchanged. The problems were shown above.");
                }
                try
                {
                    loader.LoadText(name, display, text, new Dictionary<string, string>(), new Dictionary<string, string>());
                }
                catch (SpecException e)
                {
                    foreach (var problem in e.Problems) s.Log.Error(problem.ToString());
                    s.Log.Info("Edit: reopening the file with your text; save it unchanged to give up.");
                    File.WriteAllText(draft, string.Concat(e.Problems.Select(p => ProblemPrefix + p + "\n")) + text);
                    rejected = text;
                    continue;
                }
                ReplaceSpec(paths, text);
                s.Log.Info($"Edit: {display} saved (validated).");
                break;
            }
        }
        finally
        {
            Directory.Delete(workDir, recursive: true);
        }
        OfferPlan(s, name);
    }

    public static string Editor(IReadOnlyDictionary<string, string> environment) =>
        environment.GetValueOrDefault("VISUAL") is { Length: > 0 } visual ? visual
        : environment.GetValueOrDefault("EDITOR") is { Length: > 0 } editor ? editor
        : "vi";

    /// <summary>Removes the problem lines Edit put on top, so they never reach the spec.</summary>
    public static string WithoutProblems(string text)
    {
        while (text.StartsWith(ProblemPrefix, StringComparison.Ordinal))
        {
            var end = text.IndexOf('\n');
            text = end < 0 ? "" : text[(end + 1)..];
        }
        return text;
    }

    private static void RunEditor(string editor, string file)
    {
        // The editor variable may carry arguments ("code --wait"): let the shell split it, the file stays one argument.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in new[] { "-c", editor + " \"$1\"", "roughneck-edit", file }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start the editor '{editor}'");
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the editor '{editor}' ended with exit {process.ExitCode}; the spec is unchanged");
        }
    }

    private static void ReplaceSpec(DeploymentPaths paths, string text)
    {
        var temporary = Path.Combine(paths.Dir, $".deployment.yaml.edit-{Environment.ProcessId}");
        File.WriteAllText(temporary, text);
        File.Move(temporary, paths.Spec, overwrite: true);
    }

    private static void OfferPlan(Session s, string name)
    {
        var command = $"./build.sh --target=Plan --deployment={name}";
        if (!Terminal.CanPrompt(s.Environment) || !AnsiConsole.Confirm($"Run Plan for {Markup.Escape(name)} now?", defaultValue: true))
        {
            s.Log.Info($"Next: {command}");
            return;
        }
        var start = new ProcessStartInfo(Path.Combine(s.Repo.Root, "build.sh")) { UseShellExecute = false, WorkingDirectory = s.Repo.Root };
        foreach (var argument in new[] { "--target=Plan", "--deployment=" + name }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start ./build.sh");
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"Plan ended with exit {process.ExitCode}");
    }
}
