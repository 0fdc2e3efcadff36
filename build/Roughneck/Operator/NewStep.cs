using Roughneck.Deployments;
using Roughneck.Targets;
using Spectre.Console;

namespace Roughneck.Operator;

/// <summary>
/// New: asks (or takes flags), validates with the same loader as every target, then writes
/// deployments/NAME/deployment.yaml in one rename. Ctrl-C or an error leaves nothing behind.
/// </summary>
public static class NewStep
{
    public static void Run(Session s)
    {
        var prompts = Terminal.CanPrompt(s.Environment) ? new SpectrePrompts(AnsiConsole.Console) : null;
        Console.CancelKeyPress += (_, _) => ShowCursor();
        var wizard = new NewWizard(s.Schema, s.Providers, s.Repo.DeploymentsDir, prompts,
            (provider, region) => SizeChoices.From(s.Catalog.ForAsync(provider.Name, region).GetAwaiter().GetResult(), provider));
        var answers = wizard.Run(s.Arguments.DeploymentGiven ? s.Arguments.Deployment : null, s.Arguments.SpecOverrides,
            s.Arguments.Fleet.Tags.Count == 0 ? null : s.Arguments.Fleet.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal));
        var file = Write(s, answers);
        var relative = Path.GetRelativePath(s.Repo.Root, file);
        s.Log.Info($"New: wrote {relative} (validated). Next:");
        s.Log.Info($"  ./build.sh --target=Plan --deployment={answers.Name}     what it creates and costs");
        s.Log.Info($"  ./build.sh --target=Deploy --deployment={answers.Name}   create, provision and validate it");
    }

    /// <summary>
    /// A selection prompt hides the cursor, and Ctrl-C must not leave it hidden. Written straight to
    /// file descriptor 1: Console's and Spectre's writers take locks that the prompt's thread may
    /// hold while it waits for a key, and a handler blocked on one keeps the process from exiting.
    /// </summary>
    private static void ShowCursor()
    {
        using var terminal = Console.OpenStandardOutput();
        terminal.Write("\u001b[?25h"u8);
        terminal.Flush();
    }

    /// <summary>Validates the text and writes it in one rename; refuses an existing spec.</summary>
    public static string Write(Session s, NewDeployment answers)
    {
        var paths = DeploymentPaths.For(s.Repo, answers.Name);
        var yaml = SpecYamlWriter.Write(s.Schema, answers.Name, answers.Values,
            $"Deployment '{answers.Name}', written by ./build.sh --target=New; edit it with --target=Edit.",
            SchemaReference(s.Repo.Root, paths.Dir));
        var display = Path.GetRelativePath(s.Repo.Root, paths.Spec);
        try
        {
            new SpecLoader(s.Schema, s.Providers, s.Repo.DeploymentsDir)
                .LoadText(answers.Name, display, yaml, new Dictionary<string, string>(), new Dictionary<string, string>());
        }
        catch (SpecException e)
        {
            // The file does not exist yet: name the flag that brought the value in.
            var byPath = s.Arguments.SpecOverrides.Keys.Select(a => s.Schema.FindByNormalized(a)!).ToDictionary(k => k.Path, StringComparer.Ordinal);
            throw new SpecException(e.Problems.Select(p => byPath.TryGetValue(p.Key, out var key)
                ? p with { Source = "argument --" + key.ArgumentName, Line = 0 }
                : p).ToList());
        }

        var createdFolder = !Directory.Exists(paths.Dir);
        Directory.CreateDirectory(paths.Dir);
        var temporary = Path.Combine(paths.Dir, $".deployment.yaml.new-{Environment.ProcessId}");
        try
        {
            File.WriteAllText(temporary, yaml);
            File.Move(temporary, paths.Spec, overwrite: false);
        }
        catch (IOException) when (File.Exists(paths.Spec))
        {
            File.Delete(temporary);
            throw new InvalidOperationException($"{display} appeared while New was running; New never overwrites a spec");
        }
        catch
        {
            File.Delete(temporary);
            if (createdFolder && !Directory.EnumerateFileSystemEntries(paths.Dir).Any()) Directory.Delete(paths.Dir);
            throw;
        }
        return paths.Spec;
    }

    /// <summary>Relative inside the checkout (committed specs), absolute for a deployments folder elsewhere.</summary>
    private static string SchemaReference(string repoRoot, string deploymentDir)
    {
        var schema = Path.Combine(repoRoot, SpecJsonSchema.RepoPath);
        var relative = Path.GetRelativePath(deploymentDir, schema);
        return Path.GetRelativePath(repoRoot, deploymentDir).StartsWith("..", StringComparison.Ordinal) ? schema : relative;
    }
}
