using Roughneck.Tests.Integration.Support;
using Xunit;

using Roughneck.Tests.TestSupport;

namespace Roughneck.Tests.Integration;

/// <summary>The playbooks and roles are ansible-lint (production profile) and yamllint clean.</summary>
[Collection("cli")]
public sealed class AnsibleLintTests
{
    private static readonly string AnsibleDir = RepoRoot.Combine("ansible");

    [SkippableFact]
    public void Ansible_lint_production_profile_is_clean()
    {
        Requirements.Commands("ansible-lint");
        var (exit, output) = ProcessCapture.Run("ansible-lint", AnsibleDir, "--nocolor", "--profile", "production");
        Assert.True(exit == 0, output);
        Assert.Contains("Passed with production profile", output);
    }

    [SkippableFact]
    public void Yamllint_is_clean()
    {
        Requirements.Commands("yamllint");
        var (exit, output) = ProcessCapture.Run("yamllint", AnsibleDir, "--strict", ".");
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void Every_role_has_defaults_meta_readme_and_every_feature_role_exists()
    {
        var features = Catalogs.Features;
        foreach (var role in features.Features.Select(f => f.Role).Append("common").Distinct())
        {
            var dir = Path.Combine(AnsibleDir, "roles", role);
            foreach (var file in new[] { "tasks/main.yml", "defaults/main.yml", "meta/main.yml", "README.md", "checks.yml" })
            {
                Assert.True(File.Exists(Path.Combine(dir, file)), $"role {role} lacks {file}");
            }
        }
    }
}
