using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Roughneck.Tests.Integration;

/// <summary>
/// The dev_tools part of Update on a real sandbox: a download role (lazygit) converges to the
/// version and artifact that the spec's ansible.vars pin. A wrong checksum fails, naming it, and
/// leaves the installed version; the right one installs the new version and prunes the old one;
/// a second Update changes nothing.
/// </summary>
[Collection("sandbox")]
public sealed class DevToolsUpdateTests : SandboxTest
{
    private const string Name = "devtools";
    private const string NewVersion = "9.9.9";

    public DevToolsUpdateTests(ITestOutputHelper log) : base(log) { }

    [SkippableFact]
    public void Update_dev_tools_moves_lazygit_to_the_pinned_version_refuses_a_wrong_checksum_and_converges()
    {
        Requirements.LocalSandbox();
        Requirements.Commands("python3");
        using var mirror = FixtureMirror.Start();
        var pinned = PinnedVersion();
        var arch = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64"; // the sandbox runs the host's arch
        // The role's own URLs with the fixtures' checksums (build-mirror.py's overrides).
        var fixture = JsonNode.Parse(mirror.OverridesJson)!["lazygit_downloads"]!.AsObject();
        Assert.Contains($"/v{pinned}/", (string)fixture[arch]!["url"]!, StringComparison.Ordinal);

        Deployments.Add(Name, Spec(new JsonObject { ["lazygit_downloads"] = fixture.DeepClone() }, mirror));
        var deploy = Run("--target=Deploy", "--deployment=" + Name);
        Assert.True(deploy.ExitCode == 0, deploy.ToString());

        // Positive control: the machine runs the role's pinned version, and the probe would see the new one.
        var before = OnMachine();
        Assert.Contains($"version={pinned},", before, StringComparison.Ordinal);
        Assert.Contains($"link /opt/roughneck/lazygit/{pinned}/lazygit\n", before, StringComparison.Ordinal);
        Assert.Contains($"versions {pinned} \n", before, StringComparison.Ordinal);
        Assert.DoesNotContain($"version={NewVersion},", before, StringComparison.Ordinal);

        // A new release in the mirror: the fixture's tarball with the new version, at the new version's URLs.
        var newer = new JsonObject();
        var sha256 = new Dictionary<string, string>();
        foreach (var (key, entry) in fixture)
        {
            var url = (string)entry!["url"]!;
            var artifact = Reversion(File.ReadAllBytes(MirrorPath(mirror, url)), pinned, NewVersion);
            var newUrl = url.Replace(pinned, NewVersion, StringComparison.Ordinal);
            var file = MirrorPath(mirror, newUrl);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, artifact);
            sha256[key] = Convert.ToHexStringLower(SHA256.HashData(artifact));
            newer[key] = new JsonObject { ["url"] = newUrl, ["sha256"] = sha256[key] };
        }

        // A wrong checksum: Update fails naming both checksums, and the installed version stays.
        var wrong = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("not the artifact")));
        var tampered = JsonNode.Parse(newer.ToJsonString())!.AsObject();
        tampered[arch]!["sha256"] = wrong;
        Deployments.Add(Name, Spec(new JsonObject { ["lazygit_version"] = NewVersion, ["lazygit_downloads"] = tampered }, mirror));
        var refused = Run("--target=Update", "--deployment=" + Name, "--only=dev_tools");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains($"did not match {wrong}; it was {sha256[arch]}", refused.Output, StringComparison.Ordinal);
        var kept = OnMachine();
        Assert.Contains($"version={pinned},", kept, StringComparison.Ordinal);
        Assert.Contains($"link /opt/roughneck/lazygit/{pinned}/lazygit\n", kept, StringComparison.Ordinal);
        Assert.Contains($"versions {pinned} \n", kept, StringComparison.Ordinal);

        // The right checksum: Update installs the new version, links it and removes the old one.
        Deployments.Add(Name, Spec(new JsonObject { ["lazygit_version"] = NewVersion, ["lazygit_downloads"] = newer }, mirror));
        var update = Run("--target=Update", "--deployment=" + Name, "--only=dev_tools");
        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.Contains($"TASK [download : Unpack lazygit_{NewVersion}_", update.Output, StringComparison.Ordinal);
        Assert.Matches(@"Provision: done, [1-9][0-9]* changed", update.Output);
        var after = OnMachine();
        Assert.Contains($"version={NewVersion},", after, StringComparison.Ordinal);
        Assert.Contains($"link /opt/roughneck/lazygit/{NewVersion}/lazygit\n", after, StringComparison.Ordinal);
        Assert.Contains($"versions {NewVersion} \n", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"version={pinned},", after, StringComparison.Ordinal);

        // Converged: the same Update again changes nothing.
        var again = Run("--target=Update", "--deployment=" + Name, "--only=dev_tools");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Provision: done, 0 changed", again.Output, StringComparison.Ordinal);

        var machine = Deployments.MachineId(Name);
        var destroy = Run("--target=Destroy", "--deployment=" + Name, "--force");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.Empty(HostResidue.Of(machine));
    }

    /// <summary>A local spec with lazygit only, its downloads from the fixture mirror, and the given variables.</summary>
    private static string Spec(JsonObject vars, FixtureMirror mirror)
    {
        // The mirror is on the host's loopback, which the sandbox reaches only through its proxy.
        vars["roughneck_no_proxy"] = "localhost,::1";
        vars["common_build_essential"] = false;
        return TempDeployments.LocalSpec("lazygit")
            + $"network:\n  mirror_url: {mirror.Url}\nansible:\n  vars: {vars.ToJsonString()}\n";
    }

    /// <summary>The version ansible/roles/lazygit/defaults/main.yml pins.</summary>
    private static string PinnedVersion()
    {
        var defaults = File.ReadAllText(RepoRoot.Combine("ansible", "roles", "lazygit", "defaults", "main.yml"));
        var match = Regex.Match(defaults, "^lazygit_version: \"([^\"]+)\"", RegexOptions.Multiline);
        Assert.True(match.Success, "no lazygit_version in the role's defaults");
        return match.Groups[1].Value;
    }

    /// <summary>Where the mirror serves an upstream URL: &lt;mirror&gt;/&lt;URL without its scheme&gt;.</summary>
    private static string MirrorPath(FixtureMirror mirror, string url) =>
        Path.Combine(mirror.Dir, Regex.Replace(url, "^[A-Za-z][A-Za-z0-9+.-]*://", ""));

    /// <summary>The same tar.gz with every file name and text naming the old version naming the new one.</summary>
    private static byte[] Reversion(byte[] tarGz, string from, string to)
    {
        using var input = new GZipStream(new MemoryStream(tarGz), CompressionMode.Decompress);
        using var reader = new TarReader(input);
        using var output = new MemoryStream();
        var replaced = 0;
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Gnu, leaveOpen: true))
        {
            while (reader.GetNextEntry(copyData: true) is { } entry)
            {
                var copy = new GnuTarEntry(entry.EntryType, entry.Name.Replace(from, to, StringComparison.Ordinal))
                {
                    Mode = entry.Mode,
                    ModificationTime = entry.ModificationTime,
                };
                if (entry.DataStream is { } data)
                {
                    var text = new StreamReader(data).ReadToEnd();
                    if (text.Contains(from, StringComparison.Ordinal)) replaced++;
                    copy.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal)));
                }
                writer.WriteEntry(copy);
            }
        }
        Assert.True(replaced > 0, $"the fixture artifact never names version {from}");
        return output.ToArray();
    }

    /// <summary>lazygit's version, its link and the installed versions, read over SSH as the workspace user.</summary>
    private string OnMachine()
    {
        var print = Run("--target=Ssh", "--deployment=" + Name, "--print");
        Assert.True(print.ExitCode == 0, print.ToString());
        var ssh = print.Output.Split('\n').First(l => l.StartsWith("ssh ", StringComparison.Ordinal));
        var probe = Path.Combine(Deployments.Dir, "probe.sh");
        File.WriteAllText(probe, """
            lazygit --version
            echo "link $(readlink /usr/local/bin/lazygit)"
            echo "versions $(ls /opt/roughneck/lazygit | tr '\n' ' ')"
            """ + "\n");
        var (exit, output) = ProcessCapture.Run("bash", RepoRoot.Path, "-c",
            ssh.Replace("ssh ", "ssh -o BatchMode=yes ", StringComparison.Ordinal) + " -- bash -s < " + probe);
        Log.WriteLine($"on the machine -> exit {exit}\n{output}");
        Assert.True(exit == 0, output);
        return output;
    }
}
