using System.Text.Json;
using Roughneck.Tests.TestSupport;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Roughneck.Tests.Unit;

/// <summary>The AI CLIs install from committed locks: the whole tree pinned by integrity hash, npm ci, scripts only where needed, never as root.</summary>
public class AiClisLockTests
{
    private static readonly string Role = RepoRoot.Combine("ansible", "roles", "ai_clis");

    private static YamlMappingNode Catalog()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Role, "defaults", "main.yml"))));
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["ai_clis_catalog"];
    }

    public static TheoryData<string> Clis()
    {
        var data = new TheoryData<string>();
        foreach (var key in Catalog().Children.Keys) data.Add(((YamlScalarNode)key).Value!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public void Each_cli_has_a_lock_of_its_pinned_version_with_an_integrity_hash_for_every_package(string cli)
    {
        var entry = (YamlMappingNode)Catalog()[cli];
        var package = ((YamlScalarNode)entry["package"]).Value!;
        var version = ((YamlScalarNode)entry["version"]).Value!;
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Role, "files", cli, "package.json")));
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(Role, "files", cli, "package-lock.json")));

        Assert.Equal(version, manifest.RootElement.GetProperty("dependencies").GetProperty(package).GetString());
        var packages = lockFile.RootElement.GetProperty("packages");
        Assert.Equal(version, packages.GetProperty("").GetProperty("dependencies").GetProperty(package).GetString());
        Assert.Equal(version, packages.GetProperty("node_modules/" + package).GetProperty("version").GetString());
        var entries = packages.EnumerateObject().Where(p => p.Name.Length > 0).ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, p => Assert.StartsWith("sha512-", p.Value.GetProperty("integrity").GetString()));
        Assert.All(entries, p => Assert.False(p.Value.TryGetProperty("link", out _), p.Name + " is a link, not a registry package"));
    }

    [Fact]
    public void The_cli_is_installed_with_npm_ci_as_an_unprivileged_user_and_scripts_off_unless_needed()
    {
        var converge = File.ReadAllText(Path.Combine(Role, "tasks", "install.yml"));

        Assert.Contains("'ci', '--omit=dev'", converge, StringComparison.Ordinal);
        Assert.Contains("['--ignore-scripts']", converge, StringComparison.Ordinal);
        Assert.Contains("become_user: \"{{ ai_clis_user }}\"", converge, StringComparison.Ordinal);
        Assert.DoesNotContain("- install\n", converge, StringComparison.Ordinal); // no `npm install -g <pkg>@<version>` any more
        var scripted = Catalog().Children
            .Where(c => ((YamlMappingNode)c.Value).Children.TryGetValue(new YamlScalarNode("scripts"), out var v) && ((YamlScalarNode)v).Value == "true")
            .Select(c => ((YamlScalarNode)c.Key).Value).ToList();
        Assert.Equal(new[] { "claude" }, scripted); // its postinstall puts the native binary in place; the others need none
    }
}
