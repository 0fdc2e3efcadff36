using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>
/// The download role, run by the real ansible-playbook on this machine against a temporary folder,
/// its artifacts fetched from a file:// mirror by the mirror rule: a converged run asks the machine
/// once per artifact and never enters the install path (the checksums file is neither fetched nor
/// read again); a missing link or a leftover version is seen by --check and repaired; a wrong
/// checksum is refused and keeps the installed version.
/// </summary>
[Collection("cli")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class DownloadRoleTests : IDisposable
{
    private const string Upstream = "https://example.invalid/tool/releases";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public void A_converged_run_checks_once_and_a_missing_link_or_other_version_is_seen_by_check_mode_and_repaired()
    {
        Requirements.Commands("ansible-playbook");
        Skip.If(Environment.UserName != "root", "SKIPPED: the download role installs files owned by root");
        var sha = Publish("1.0.0");

        var first = Play("1.0.0", new { sha256 = sha });
        Assert.True(first.Exit == 0, first.Output);
        Assert.Contains("TASK [download : Unpack tool_1.0.0_linux.tar.gz]", first.Output, StringComparison.Ordinal);
        Assert.Equal(_dir.Combine("opt", "1.0.0", "tool"), new FileInfo(_dir.Combine("bin", "tool")).LinkTarget);
        Assert.Equal("tool 1.0.0", ProcessCapture.Run(_dir.Combine("bin", "tool"), _dir.Path).Output.Trim());

        // Converged: the remote check and the skipped include of the install path, nothing else.
        var converged = Play("1.0.0", new { sha256 = sha });
        Assert.True(converged.Exit == 0, converged.Output);
        Assert.Equal(0, Changed(converged.Output));
        Assert.Equal(new[] { "Check what is installed already, rn-dltest 1.0.0", "Install where missing or stale, rn-dltest 1.0.0" },
            RoleTasks(converged.Output));

        // Drift: the command's link is gone and another version's folders are left behind.
        File.Delete(_dir.Combine("bin", "tool"));
        Directory.CreateDirectory(_dir.Combine("opt", "0.9.0"));
        Directory.CreateDirectory(_dir.Combine("cache", "rn-dltest", "0.9.0"));
        var check = Play("1.0.0", new { sha256 = sha }, "--check", "--diff");
        Assert.True(check.Exit == 0, check.Output);
        Assert.True(Changed(check.Output) > 0, check.Output);
        Assert.Contains("TASK [download : Link the executables into", check.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("bin", "tool")), "check mode created the link");
        Assert.True(Directory.Exists(_dir.Combine("opt", "0.9.0")), "check mode removed a version");

        var repair = Play("1.0.0", new { sha256 = sha });
        Assert.True(repair.Exit == 0, repair.Output);
        Assert.Equal(_dir.Combine("opt", "1.0.0", "tool"), new FileInfo(_dir.Combine("bin", "tool")).LinkTarget);
        Assert.False(Directory.Exists(_dir.Combine("opt", "0.9.0")), repair.Output);
        Assert.False(Directory.Exists(_dir.Combine("cache", "rn-dltest", "0.9.0")), repair.Output);
        Assert.Equal(0, Changed(Play("1.0.0", new { sha256 = sha }).Output));

        // A new version with a wrong checksum: refused, naming both, and 1.0.0 stays installed.
        var newer = Publish("2.0.0");
        var wrong = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("not the artifact")));
        var refused = Play("2.0.0", new { sha256 = wrong });
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains($"did not match {wrong}; it was {newer}", refused.Output, StringComparison.Ordinal);
        Assert.Equal(_dir.Combine("opt", "1.0.0", "tool"), new FileInfo(_dir.Combine("bin", "tool")).LinkTarget);
        Assert.False(File.Exists(_dir.Combine("opt", "2.0.0", "tool")));
    }

    [SkippableFact]
    public void An_artifact_published_again_under_its_version_replaces_every_file_of_the_old_one()
    {
        Requirements.Commands("ansible-playbook");
        Skip.If(Environment.UserName != "root", "SKIPPED: the download role installs files owned by root");
        var first = Publish("1.0.0");
        var install = Play("1.0.0", new { sha256 = first });
        Assert.True(install.Exit == 0, install.Output);
        Assert.Equal("tool 1.0.0", ProcessCapture.Run(_dir.Combine("bin", "tool"), _dir.Path).Output.Trim());
        File.WriteAllText(_dir.Combine("opt", "1.0.0", "left-by-a-partial-unpack"), "x");

        // The same version again, its file of the same size and time but another content: unarchive
        // alone would keep the old file.
        var again = Publish("1.0.0", "TOOL");
        Assert.NotEqual(first, again);
        var replace = Play("1.0.0", new { sha256 = again });
        Assert.True(replace.Exit == 0, replace.Output);
        Assert.Equal("TOOL 1.0.0", ProcessCapture.Run(_dir.Combine("bin", "tool"), _dir.Path).Output.Trim());
        Assert.False(File.Exists(_dir.Combine("opt", "1.0.0", "left-by-a-partial-unpack")), replace.Output);
        Assert.Equal(0, Changed(Play("1.0.0", new { sha256 = again }).Output));
    }

    [SkippableFact]
    public void With_a_checksums_file_a_converged_run_neither_fetches_nor_reads_it_and_a_file_without_its_line_is_refused()
    {
        Requirements.Commands("ansible-playbook");
        Skip.If(Environment.UserName != "root", "SKIPPED: the download role installs files owned by root");
        var sha = Publish("1.0.0");
        var checksums = new { checksums_url = $"{Upstream}/download/v1.0.0/checksums.txt" };
        WriteChecksums("1.0.0", $"{new string('0', 64)}  tool_1.0.0_darwin.tar.gz\n{sha}  tool_1.0.0_linux.tar.gz\n");

        var first = Play("1.0.0", checksums);
        Assert.True(first.Exit == 0, first.Output);
        Assert.Contains("TASK [download : Download the checksums file, checksums.txt]", first.Output, StringComparison.Ordinal);
        Assert.Contains("TASK [download : Read the checksums file, rn-dltest 1.0.0]", first.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(_dir.Combine("opt", "1.0.0", ".roughneck-sha256-" + sha)), first.Output);

        var converged = Play("1.0.0", checksums);
        Assert.True(converged.Exit == 0, converged.Output);
        Assert.Equal(0, Changed(converged.Output));
        Assert.DoesNotContain("checksums file", converged.Output, StringComparison.Ordinal);
        Assert.Equal(2, RoleTasks(converged.Output).Length);

        // A release whose checksums file lacks the artifact's line: refused before any download.
        Publish("3.0.0");
        WriteChecksums("3.0.0", $"{sha}  tool_3.0.0_darwin.tar.gz\n");
        var refused = Play("3.0.0", new { checksums_url = $"{Upstream}/download/v3.0.0/checksums.txt" });
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("has no SHA-256 line for tool_3.0.0_linux.tar.gz", refused.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("cache", "rn-dltest", "3.0.0", "tool_3.0.0_linux.tar.gz")));
        Assert.Equal(_dir.Combine("opt", "1.0.0", "tool"), new FileInfo(_dir.Combine("bin", "tool")).LinkTarget);
    }

    /// <summary>Runs the role for one version of the tool, the artifact (both architectures) given by <paramref name="artifact"/>.</summary>
    private (int Exit, string Output) Play(string version, object artifact, params string[] extra)
    {
        var playbook = _dir.Combine("play.yml");
        File.WriteAllText(playbook, $$$"""
            - name: Install the test tool
              hosts: localhost
              connection: local
              gather_facts: true
              gather_subset: [min]
              tasks:
                - name: Install the test tool
                  ansible.builtin.include_role:
                    name: download
                  vars:
                    download_name: rn-dltest
                    download_version: "{{ tool_version }}"
                    download_artifacts: "{{ tool_downloads }}"
                    download_cache_dir: {{{_dir.Combine("cache")}}}
                    download_install_dir: {{{_dir.Combine("opt")}}}/{{ tool_version }}
                    download_bin_dir: {{{_dir.Combine("bin")}}}
                    download_prune_globs: ["{{{_dir.Combine("opt")}}}/*"]
                    download_binaries: [tool]
            """);
        var downloads = new Dictionary<string, object>();
        foreach (var arch in new[] { "amd64", "arm64" })
        {
            var entry = JsonSerializer.SerializeToNode(artifact)!.AsObject();
            entry["url"] = $"{Upstream}/download/v{version}/tool_{version}_linux.tar.gz";
            downloads[arch] = entry;
        }
        var vars = _dir.Combine("vars.json");
        File.WriteAllText(vars, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["tool_version"] = version,
            ["tool_downloads"] = downloads,
            ["roughneck_mirror_url"] = "file://" + _dir.Combine("mirror"),
        }));
        return LocalAnsible.Playbook(_dir.Path, playbook, new[] { "-e", "@" + vars }.Concat(extra).ToArray());
    }

    /// <summary>Puts the tool's release archive in the mirror (host/path) and returns its SHA-256.</summary>
    private string Publish(string version, string name = "tool")
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Gnu, leaveOpen: true))
        {
            writer.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, "tool")
            {
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                ModificationTime = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes($"#!/bin/sh\necho {name} {version}\n")),
            });
        }
        var bytes = output.ToArray();
        var file = MirrorPath($"download/v{version}/tool_{version}_linux.tar.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, bytes);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private void WriteChecksums(string version, string text) =>
        File.WriteAllText(MirrorPath($"download/v{version}/checksums.txt"), text);

    /// <summary>Where the mirror rule looks for an upstream file: &lt;mirror&gt;/&lt;host&gt;/&lt;path&gt;.</summary>
    private string MirrorPath(string relative) =>
        _dir.Combine("mirror", Regex.Replace(Upstream, "^https://", ""), relative);

    private static int Changed(string output)
    {
        var match = RecapChanged().Match(output);
        Assert.True(match.Success, "no PLAY RECAP in:\n" + output);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The download role's task headers in the play's output, in order.</summary>
    private static string[] RoleTasks(string output) =>
        RoleTask().Matches(output).Select(m => m.Groups[1].Value).ToArray();

    [GeneratedRegex(@"changed=(\d+)")]
    private static partial Regex RecapChanged();

    [GeneratedRegex(@"TASK \[download : ([^\]]+)\]")]
    private static partial Regex RoleTask();
}
