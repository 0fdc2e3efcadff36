using System.Text.Json;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>
/// Roughneck's own modules (ansible/library) run by the real ansible on this machine, against a
/// temporary folder: what they change, what check mode reports, and how they refuse bad input.
/// </summary>
[Collection("cli")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AnsibleModuleTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _owner = Id("-un");
    private readonly string _group = Id("-gn");

    private static string Id(string flag) => ProcessCapture.Run("id", "/", flag).Output.Trim();

    /// <summary>Runs one module ad hoc on localhost and returns its result, as the tree callback wrote it.</summary>
    private (bool Failed, JsonElement Result) Module(string module, object arguments, params string[] extra)
    {
        var (failed, result, _) = ModuleWithOutput(module, arguments, extra);
        return (failed, result);
    }

    /// <summary>As <see cref="Module"/>, with what ansible printed (the diff, in diff mode).</summary>
    private (bool Failed, JsonElement Result, string Output) ModuleWithOutput(string module, object arguments, params string[] extra) =>
        Run(module, arguments, actionPlugins: true, extra);

    /// <summary>
    /// Runs the module and returns ansible's exit and the result the tree callback wrote.
    /// actionPlugins: the product's way (ansible.cfg), or false for the library file as a plain module.
    /// </summary>
    private (bool Failed, JsonElement Result, string Output) Run(string module, object arguments, bool actionPlugins, params string[] extra)
    {
        var tree = _dir.Combine(".tree");
        var (exit, output) = LocalAnsible.Module(_dir.Path, module, JsonSerializer.Serialize(arguments), actionPlugins,
            new[] { "--tree", tree }.Concat(extra).ToArray());
        var file = Path.Combine(tree, "localhost");
        Assert.True(System.IO.File.Exists(file), $"ansible exit {exit}, no result written:\n{output}");
        var result = JsonDocument.Parse(System.IO.File.ReadAllText(file)).RootElement.Clone();
        Directory.Delete(tree, recursive: true);
        // ansible exits 2 when the module failed; the tree file holds its result either way.
        Assert.True(exit is 0 or 2, $"ansible exit {exit}:\n{output}");
        return (exit != 0, result, output);
    }

    private object File(string name, string content, string mode = "0644") =>
        new { path = _dir.Combine(name), content, owner = _owner, group = _group, mode };

    private static string[] ChangedPaths(JsonElement result) =>
        result.GetProperty("changed_paths").EnumerateArray().Select(p => p.GetString()!).ToArray();

    [SkippableFact]
    public void Files_are_written_once_and_a_second_run_changes_nothing()
    {
        var arguments = new
        {
            files = new object[]
            {
                new { path = _dir.Combine("conf.d"), state = "directory", owner = _owner, group = _group, mode = "0750" },
                File("conf.d/a.conf", "alpha\n"),
                File("b.sh", "#!/bin/sh\n", "0755"),
                new { path = _dir.Combine("link"), state = "link", src = _dir.Combine("b.sh") },
            },
        };
        var (failed, first) = Module("roughneck_files", arguments);
        Assert.False(failed, first.ToString());
        Assert.True(first.GetProperty("changed").GetBoolean());
        Assert.Equal(new[] { _dir.Combine("conf.d"), _dir.Combine("conf.d/a.conf"), _dir.Combine("b.sh"), _dir.Combine("link") }, ChangedPaths(first));
        Assert.Equal("alpha\n", System.IO.File.ReadAllText(_dir.Combine("conf.d/a.conf")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
            System.IO.File.GetUnixFileMode(_dir.Combine("b.sh")));
        Assert.Equal(_dir.Combine("b.sh"), new FileInfo(_dir.Combine("link")).LinkTarget);

        var (_, second) = Module("roughneck_files", arguments);
        Assert.False(second.GetProperty("changed").GetBoolean(), second.ToString());
        Assert.Empty(ChangedPaths(second));

        // A mode changed by hand is drift, repaired without rewriting the content.
        System.IO.File.SetUnixFileMode(_dir.Combine("conf.d/a.conf"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var (_, third) = Module("roughneck_files", arguments);
        Assert.Equal(new[] { _dir.Combine("conf.d/a.conf") }, ChangedPaths(third));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            System.IO.File.GetUnixFileMode(_dir.Combine("conf.d/a.conf")));
    }

    [SkippableFact]
    public void Check_mode_names_what_would_change_with_a_diff_and_writes_nothing()
    {
        _dir.Write("kept.conf", "old\n");
        var arguments = new { files = new[] { File("kept.conf", "new\n"), File("missing.conf", "x\n") } };
        var (failed, result, output) = ModuleWithOutput("roughneck_files", arguments, "--check", "--diff");
        Assert.False(failed, result.ToString());
        Assert.True(result.GetProperty("changed").GetBoolean());
        Assert.Equal(new[] { _dir.Combine("kept.conf"), _dir.Combine("missing.conf") }, ChangedPaths(result));
        // The diff headers are what Drift reads to name each drifted file.
        Assert.Contains("--- before: " + _dir.Combine("kept.conf") + "\n", output);
        Assert.Contains("-old\n+new", output);
        Assert.Contains("--- before: " + _dir.Combine("missing.conf") + " (absent)", output);
        Assert.Equal("old\n", System.IO.File.ReadAllText(_dir.Combine("kept.conf")));
        Assert.False(System.IO.File.Exists(_dir.Combine("missing.conf")));
    }

    [SkippableFact]
    public void Create_only_never_touches_an_existing_file_and_prune_removes_only_what_is_not_declared()
    {
        _dir.Write("personal.rc", "mine\n");
        _dir.Write("certs/rn-0.crt", "wanted\n");
        _dir.Write("certs/rn-1.crt", "stale\n");
        _dir.Write("certs/other.crt", "not ours\n");
        var arguments = new
        {
            files = new object[]
            {
                new { path = _dir.Combine("personal.rc"), content = "template\n", owner = _owner, group = _group, create_only = true },
                File("certs/rn-0.crt", "wanted\n"),
            },
            prune = new[] { _dir.Combine("certs/rn-*.crt") },
        };
        var (failed, result) = Module("roughneck_files", arguments);
        Assert.False(failed, result.ToString());
        Assert.Equal(new[] { _dir.Combine("certs/rn-1.crt") }, ChangedPaths(result));
        Assert.Equal("mine\n", System.IO.File.ReadAllText(_dir.Combine("personal.rc")));
        Assert.False(System.IO.File.Exists(_dir.Combine("certs/rn-1.crt")));
        Assert.True(System.IO.File.Exists(_dir.Combine("certs/rn-0.crt")));
        Assert.True(System.IO.File.Exists(_dir.Combine("certs/other.crt")));
    }

    [SkippableFact]
    public void Attributes_set_owner_and_mode_of_a_file_whose_content_is_not_ours_and_skip_a_missing_one()
    {
        var secret = _dir.Write("config.yaml", "password: generated on the machine\n");
        System.IO.File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var arguments = new
        {
            files = new object[]
            {
                new { path = secret, state = "attributes", owner = _owner, group = _group, mode = "0600" },
                new { path = _dir.Combine("not-yet.yaml"), state = "attributes", owner = _owner, group = _group, mode = "0600" },
            },
        };
        var (failed, result) = Module("roughneck_files", arguments);
        Assert.False(failed, result.ToString());
        Assert.Equal(new[] { secret }, ChangedPaths(result));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(secret));
        Assert.Equal("password: generated on the machine\n", System.IO.File.ReadAllText(secret));
        Assert.False(System.IO.File.Exists(_dir.Combine("not-yet.yaml")));
        Assert.Empty(ChangedPaths(Module("roughneck_files", arguments).Result));
    }

    [SkippableFact]
    public void Content_that_fails_validation_leaves_the_file_as_it_was()
    {
        _dir.Write("sudoers", "good\n");
        var arguments = new { files = new[] { new { path = _dir.Combine("sudoers"), content = "bad\n", owner = _owner, group = _group, mode = "0440", validate = "grep -q good %s" } } };
        var (failed, result) = Module("roughneck_files", arguments);
        Assert.True(failed, result.ToString());
        Assert.Contains(_dir.Combine("sudoers") + ": the new content failed validation (grep -q good %s)", result.GetProperty("msg").GetString());
        Assert.Equal("good\n", System.IO.File.ReadAllText(_dir.Combine("sudoers")));
        Assert.Single(Directory.GetFiles(_dir.Path)); // no temporary file left behind

        // Positive control: content that passes replaces it.
        var (passFailed, passed) = Module("roughneck_files", new { files = new[] { new { path = _dir.Combine("sudoers"), content = "good too\n", owner = _owner, group = _group, mode = "0440", validate = "grep -q good %s" } } });
        Assert.False(passFailed, passed.ToString());
        Assert.Equal("good too\n", System.IO.File.ReadAllText(_dir.Combine("sudoers")));
    }

    [SkippableFact]
    public void A_new_directory_s_missing_parents_get_its_owner_group_and_mode()
    {
        var home = Directory.CreateDirectory(_dir.Combine("home")).FullName;
        System.IO.File.SetUnixFileMode(home, (UnixFileMode)Convert.ToInt32("755", 8));
        var arguments = new { files = new[] { new { path = _dir.Combine("home/.config/app"), state = "directory", owner = _owner, group = _group, mode = "0700" } } };
        var (failed, result) = Module("roughneck_files", arguments);
        Assert.False(failed, result.ToString());
        Assert.Equal(new[] { _dir.Combine("home/.config/app") }, ChangedPaths(result));
        var modes = ProcessCapture.Run("stat", _dir.Path, "-c", "%U:%G %a %n", home, _dir.Combine("home/.config"), _dir.Combine("home/.config/app")).Output;
        Assert.Contains($"{_owner}:{_group} 700 {_dir.Combine("home/.config")}\n", modes);
        Assert.Contains($"{_owner}:{_group} 700 {_dir.Combine("home/.config/app")}\n", modes);
        // The parent that was there already keeps its mode (control: the same stat sees 755).
        Assert.Contains($"{_owner}:{_group} 755 {home}\n", modes);
    }

    [SkippableFact]
    public void An_owner_not_created_yet_is_a_change_in_check_mode_and_an_error_in_a_real_run()
    {
        // In check mode the task that creates the user only pretended to: the entry counts as a change.
        var arguments = new { files = new[] { new { path = _dir.Combine("tree"), state = "directory", owner = "no-such-user-rn", group = "no-such-group-rn", mode = "0755" } } };
        var (failed, result, output) = ModuleWithOutput("roughneck_files", arguments, "--check", "--diff");
        Assert.False(failed, result.ToString());
        Assert.Equal(new[] { _dir.Combine("tree") }, ChangedPaths(result));
        Assert.Contains("owner no-such-user-rn, group no-such-group-rn, mode 0755", output);
        Assert.False(Directory.Exists(_dir.Combine("tree")));

        // A real run refuses it, naming the entry and the user.
        var (realFailed, real) = Module("roughneck_files", arguments);
        Assert.True(realFailed, real.ToString());
        Assert.Contains(_dir.Combine("tree") + ": no user named 'no-such-user-rn'", real.GetProperty("msg").GetString());
        Assert.False(Directory.Exists(_dir.Combine("tree")));
    }

    [SkippableFact]
    public void An_unknown_key_is_refused_with_the_nearest_one_and_nothing_is_written()
    {
        var arguments = new { files = new object[] { File("first.conf", "1\n"), new { path = _dir.Combine("second.conf"), contnet = "2\n" } } };
        var (failed, result) = Module("roughneck_files", arguments);
        Assert.True(failed, result.ToString());
        Assert.Contains("unknown key 'contnet'; did you mean 'content'?", result.GetProperty("msg").GetString());
        Assert.False(System.IO.File.Exists(_dir.Combine("first.conf")));
    }

    [SkippableFact]
    public void The_probe_reads_users_paths_globs_commands_packages_and_apt_in_one_call()
    {
        Requirements.Commands("dpkg-query");
        _dir.Write("g/one.crt", "1");
        _dir.Write("g/two.crt", "2");
        var arguments = new
        {
            users = new[] { _owner, "no-such-user-rn" },
            paths = new[] { _dir.Combine("g/one.crt"), _dir.Combine("absent") },
            globs = new[] { _dir.Combine("g/*.crt") },
            commands = new[] { new[] { "true" }, new[] { "sh", "-c", "echo hello; exit 3" } },
        };
        var (failed, result) = Module("roughneck_probe", arguments, "--check");
        Assert.False(failed, result.ToString());
        var probe = result.GetProperty("probe");
        Assert.Equal(JsonValueKind.Null, probe.GetProperty("users").GetProperty("no-such-user-rn").ValueKind);
        Assert.Contains(_group, probe.GetProperty("users").GetProperty(_owner).GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.True(probe.GetProperty("paths").GetProperty(_dir.Combine("g/one.crt")).GetProperty("exists").GetBoolean());
        Assert.Equal(1, probe.GetProperty("paths").GetProperty(_dir.Combine("g/one.crt")).GetProperty("size").GetInt32());
        Assert.False(probe.GetProperty("paths").GetProperty(_dir.Combine("absent")).GetProperty("exists").GetBoolean());
        Assert.Equal(new[] { _dir.Combine("g/one.crt"), _dir.Combine("g/two.crt") },
            probe.GetProperty("globs").GetProperty(_dir.Combine("g/*.crt")).EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(0, probe.GetProperty("commands")[0].GetProperty("rc").GetInt32());
        Assert.Equal(3, probe.GetProperty("commands")[1].GetProperty("rc").GetInt32());
        Assert.Equal("hello", probe.GetProperty("commands")[1].GetProperty("stdout").GetString());
        // dpkg knows itself on any Debian machine; a name that cannot be a package is absent.
        Assert.True(probe.GetProperty("packages").TryGetProperty("dpkg", out _));
        Assert.False(probe.GetProperty("packages").TryGetProperty("no-such-package-rn", out _));
        Assert.Equal(JsonValueKind.Array, probe.GetProperty("apt").GetProperty("locks_held").ValueKind);
    }

    [SkippableFact]
    public void The_library_files_run_as_plain_modules_too_with_the_same_results()
    {
        var arguments = new { files = new object[] { File("plain.conf", "p\n") } };
        var (failed, first, plainOutput) = Run("roughneck_files", arguments, actionPlugins: false, "-vvv");
        Assert.False(failed, first.ToString());
        Assert.Equal(new[] { _dir.Combine("plain.conf") }, ChangedPaths(first));
        Assert.Contains("AnsiballZ_roughneck_files.py", plainOutput);

        var (_, second, leanOutput) = Run("roughneck_files", arguments, actionPlugins: true, "-vvv");
        Assert.Empty(ChangedPaths(second));
        // The action plugin sent the module to python on standard input: no AnsiballZ wrapper.
        Assert.DoesNotContain("AnsiballZ", leanOutput);
        Assert.Contains("/usr/bin/python3 -", leanOutput);

        var probeArguments = new { paths = new[] { _dir.Combine("plain.conf") }, packages = false, apt = false };
        var (_, plainProbe, _) = Run("roughneck_probe", probeArguments, actionPlugins: false);
        var (_, leanProbe) = Module("roughneck_probe", probeArguments);
        Assert.Equal(plainProbe.GetProperty("probe").GetRawText(), leanProbe.GetProperty("probe").GetRawText());
    }

    [SkippableFact]
    public void The_action_plugins_refuse_an_unknown_argument_with_the_nearest_one_and_a_wrong_type()
    {
        var (failed, result) = Module("roughneck_probe", new { user = new[] { "root" } });
        Assert.True(failed, result.ToString());
        Assert.Equal("roughneck_probe: unknown argument 'user'; did you mean 'users'?", result.GetProperty("msg").GetString());

        (failed, result) = Module("roughneck_probe", new { packages = "perhaps" });
        Assert.True(failed, result.ToString());
        Assert.Contains("packages", result.GetProperty("msg").GetString());
        Assert.Contains("bool", result.GetProperty("msg").GetString());

        // Positive control: the same call with a valid value runs.
        (failed, result) = Module("roughneck_probe", new { packages = false, apt = false });
        Assert.False(failed, result.ToString());
    }

    [SkippableFact]
    public void The_action_plugins_run_with_the_task_s_environment_and_report_a_missing_interpreter()
    {
        Requirements.Commands("ansible-playbook");
        var playbook = _dir.Write("env.yml", $$$"""
            - hosts: localhost
              connection: local
              gather_facts: false
              tasks:
                - roughneck_probe:
                    commands: [[sh, -c, 'printf %s "$RN_LEAN_PROBE"']]
                    packages: false
                    apt: false
                  environment:
                    RN_LEAN_PROBE: from the task
                  register: probed
                - ansible.builtin.copy:
                    content: "{{ probed.probe.commands[0].stdout }}"
                    dest: {{{_dir.Combine("seen.txt")}}}
                    mode: "0644"
            """);
        var (exit, output) = LocalAnsible.Playbook(_dir.Path, playbook);
        Assert.True(exit == 0, output);
        Assert.Equal("from the task", System.IO.File.ReadAllText(_dir.Combine("seen.txt")));

        var (failed, result) = Module("roughneck_probe", new { packages = false, apt = false }, "-e", "ansible_python_interpreter=/nonexistent/python3");
        Assert.True(failed, result.ToString());
        Assert.Contains("roughneck_probe gave no result (exit 127)", result.GetProperty("msg").GetString());
    }

    public void Dispose() => _dir.Dispose();
}
