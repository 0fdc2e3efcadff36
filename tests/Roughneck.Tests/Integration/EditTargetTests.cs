using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>
/// --target=Edit through the real ./build.sh with $EDITOR set to a script that edits the way a
/// person would: a mistake first, then its fix in the reopened file.
/// </summary>
[Collection("cli")]
public sealed class EditTargetTests : IDisposable
{
    private const string Spec = "provider: hetzner\nregion: fsn1\nsize: cx33\nssh:\n  allowed_cidrs: [203.0.113.0/24]\n";
    private readonly TempDeployments _deployments = new();
    private readonly TempDirectory _scratch = new();

    private string SpecFile => Path.Combine(_deployments.Dir, "ed", "deployment.yaml");

    /// <summary>An editor: each call runs the next of the given sed programs on the file, and keeps a copy of what it was shown.</summary>
    private string Editor(params string[] edits)
    {
        var counter = _scratch.Combine("calls");
        var lines = new List<string> { "#!/bin/sh", "set -e", $"n=$(cat {counter} 2>/dev/null || echo 0)", $"echo $((n+1)) > {counter}", $"cp \"$1\" {_scratch.Combine("shown")}-$n" };
        for (var i = 0; i < edits.Length; i++) lines.Add($"[ \"$n\" = {i} ] && sed -i '{edits[i]}' \"$1\"");
        lines.Add("exit 0");
        var file = _scratch.Write("editor.sh", string.Join("\n", lines) + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return file;
    }

    private CliResult Edit(string editor) =>
        CliRun.Run(_deployments.Dir, new Dictionary<string, string> { ["EDITOR"] = editor, ["VISUAL"] = "" }, TimeSpan.FromMinutes(3), "--target=Edit", "--deployment=ed");

    [Fact]
    public void An_invalid_save_is_reopened_with_the_problem_and_the_users_text_then_the_fix_is_saved()
    {
        _deployments.Add("ed", Spec);
        var result = Edit(Editor("s/region: fsn1/region: fsn9/", "s/region: fsn9/region: nbg1/"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("key 'region': 'fsn9' is not one of", result.Output);
        var reopened = File.ReadAllText(_scratch.Combine("shown") + "-1");
        Assert.StartsWith("# roughneck edit: ", reopened);
        Assert.Contains("did you mean 'fsn1'", reopened);
        Assert.Contains("region: fsn9", reopened); // the user's text, kept
        Assert.Equal(Spec.Replace("fsn1", "nbg1"), File.ReadAllText(SpecFile));
        Assert.Contains("Next: ./build.sh --target=Plan --deployment=ed", result.Output);
    }

    [Fact]
    public void An_unchanged_file_changes_nothing()
    {
        _deployments.Add("ed", Spec);
        var before = File.GetLastWriteTimeUtc(SpecFile);
        var result = Edit(Editor("s/nothing-matches-this//"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("unchanged; nothing to do", result.Output);
        Assert.Equal(before, File.GetLastWriteTimeUtc(SpecFile));
        Assert.Equal(Spec, File.ReadAllText(SpecFile));
    }

    [Fact]
    public void Saving_the_same_mistake_again_gives_up_and_keeps_the_spec()
    {
        _deployments.Add("ed", Spec);
        var result = Edit(Editor("s/size: cx33/size: cx34/", "s/nothing-matches-this//"));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("saved again without a fix", result.Output);
        Assert.Equal(Spec, File.ReadAllText(SpecFile));
        Assert.Empty(Directory.GetFiles(Path.Combine(_deployments.Dir, "ed"), ".deployment.yaml*"));
    }

    public void Dispose()
    {
        _deployments.Dispose();
        _scratch.Dispose();
    }
}
