using System.Text.RegularExpressions;
using Roughneck.Health;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>
/// The fixture mirror's lazygit, k9s and lazydocker fakes, as build-mirror.py serves them, against
/// their role's real Validate check, run on the host with the fake first on PATH: the intact fake
/// passes; the fake without the answer to the check's command, or failing it, makes the check fail;
/// and the fake refuses a command the check does not call (it no longer answers 0 to everything).
/// </summary>
public sealed class FixtureFakeChecksTests : IDisposable
{
    private static readonly string MirrorScript = Path.Combine(RepoRoot.Path, "tests", "fixtures", "mirror", "build-mirror.py");
    private readonly TempDirectory _bin = new();

    [Theory]
    [InlineData("lazygit", "--version)")]
    [InlineData("k9s", "\"version --short\")")]
    [InlineData("lazydocker", "--version)")]
    public void Each_fake_answers_only_its_check_and_a_broken_fake_fails_the_check(string role, string answeredCase)
    {
        var check = Assert.Single(CheckDefinition.Load(Path.Combine(RepoRoot.Path, "ansible", "roles"), new[] { role }));
        var fake = ServedFake(role, RoleVersion(role));
        Assert.Contains(answeredCase, fake);

        Install(role, fake);
        var intact = RunCheck(check);
        Assert.True(intact.Exit == 0, $"the intact {role} fake fails its check '{check.Name}':\n{intact.Output}");
        Assert.Contains(RoleVersion(role), intact.Output);

        var refused = Run(role, "--definitely-not-called");
        Assert.True(refused.Exit != 0, $"the {role} fake answered a command no check calls:\n{refused.Output}");

        Install(role, fake.Replace(answeredCase, "--not-what-the-check-calls)", StringComparison.Ordinal));
        var unanswered = RunCheck(check);
        Assert.True(unanswered.Exit != 0, $"'{check.Name}' passed against a {role} fake that does not answer its command:\n{unanswered.Output}");

        Install(role, "#!/bin/sh\nexit 1\n");
        var failing = RunCheck(check);
        Assert.True(failing.Exit != 0, $"'{check.Name}' passed against a {role} that fails everything:\n{failing.Output}");
    }

    private static string RoleVersion(string role)
    {
        var defaults = File.ReadAllText(Path.Combine(RepoRoot.Path, "ansible", "roles", role, "defaults", "main.yml"));
        return Regex.Match(defaults, $"(?m)^{role}_version: \"([^\"]+)\"").Groups[1].Value is { Length: > 0 } version
            ? version
            : throw new InvalidOperationException($"no {role}_version in role {role}'s defaults");
    }

    /// <summary>The program exactly as the mirror ships it (build-mirror.py's fake_program).</summary>
    private string ServedFake(string program, string version)
    {
        var output = Path.Combine(_bin.Path, program + ".served");
        var (exit, text) = ProcessCapture.Run("python3", _bin.Path, "-c",
            "import importlib.util, sys\n" +
            "spec = importlib.util.spec_from_file_location('build_mirror', sys.argv[1])\n" +
            "module = importlib.util.module_from_spec(spec)\n" +
            "sys.path.insert(0, __import__('os').path.dirname(sys.argv[1]))\n" +
            "spec.loader.exec_module(module)\n" +
            "open(sys.argv[4], 'wb').write(module.fake_program(sys.argv[2], sys.argv[3]))\n",
            MirrorScript, program, version, output);
        Assert.True(exit == 0, text);
        return File.ReadAllText(output);
    }

    private void Install(string program, string text)
    {
        var path = Path.Combine(_bin.Path, program);
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["PATH"] = _bin.Path + ":/usr/bin:/bin",
        ["HOME"] = _bin.Path,
        ["LANG"] = "C.UTF-8",
    };

    private (int Exit, string Output) RunCheck(CheckDefinition check) =>
        ProcessCapture.RunIn(Environment(), "/bin/bash", _bin.Path, "-c", check.Run);

    private (int Exit, string Output) Run(string program, params string[] arguments) =>
        ProcessCapture.RunIn(Environment(), Path.Combine(_bin.Path, program), _bin.Path, arguments);

    public void Dispose() => _bin.Dispose();
}
