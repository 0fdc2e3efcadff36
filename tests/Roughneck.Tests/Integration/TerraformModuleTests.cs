using System.Text.RegularExpressions;
using Roughneck.Deployments;
using Roughneck.Terraform;
using Roughneck.Tests.Integration.Support;
using Xunit;

using Roughneck.Tests.TestSupport;

namespace Roughneck.Tests.Integration;

/// <summary>The cloud modules, checked as far as this machine allows (see terraform/README.md).</summary>
[Collection("cli")]
public sealed class TerraformModuleTests
{
    private static readonly string TestsDir = RepoRoot.Combine("terraform", "tests");

    // Public keys only (made with ssh-keygen for this test); the modules validate their shape.
    private const string LoginKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFxFD12kyQ/KDojF29lRoW5lzFvTowOm1t1XCW295Ast login";
    private const string HostKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICM2bSreSmURtMWKPndGFtLrdcO2ClktfqXKC+LCLmp+ host";

    [SkippableFact]
    public void Static_check_passes_with_the_tfvars_Init_writes_for_every_example_spec()
    {
        Requirements.Commands("node", "npm");
        EnsureNodeModules();
        var temp = Directory.CreateTempSubdirectory("rn-tfvars-");
        try
        {
            var arguments = new List<string> { Path.Combine(TestsDir, "static-check.mjs") };
            foreach (var (name, provider) in new[] { ("gastown-eu", "hetzner"), ("gastown-us", "aws"), ("gastown-ap", "digitalocean"), ("local-full", "local") })
            {
                var spec = LoadExample(name);
                Assert.Equal(provider, spec.Provider);
                var paths = new DeploymentPaths(Path.Combine(temp.FullName, name));
                var network = spec.IsLocal ? LocalNetwork.Allocate(paths.Dir, new HashSet<string>()) : null;
                var vars = TfVars.Build(spec, paths, LoginKey, HostKey, network, "/var/lib/roughneck");
                var file = Path.Combine(temp.FullName, provider + ".tfvars.json");
                File.WriteAllText(file, TfVars.ToJson(vars));
                arguments.Add("--tfvars");
                arguments.Add($"{provider}={file}");
            }
            var (exit, output) = ProcessCapture.Run("node", TestsDir, arguments.ToArray());
            Assert.True(exit == 0, output);
            Assert.Matches(@"\d+ passed, 0 failed", output);
            Assert.DoesNotContain("local absent", output);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    [SkippableFact]
    public void Static_check_catches_every_kind_of_fault_it_claims_to()
    {
        Requirements.Commands("node", "npm");
        EnsureNodeModules();
        var (exit, output) = ProcessCapture.Run("node", TestsDir, Path.Combine(TestsDir, "static-check.selftest.mjs"));
        Assert.True(exit == 0, output);
        Assert.Matches(@"\d+ passed, 0 failed", output);
    }

    [SkippableFact]
    public void Fmt_validate_and_terraform_test_pass()
    {
        Requirements.Commands("terraform", "node");
        EnsureNodeModules();
        Skip.IfNot(Directory.Exists("/opt/tf-plugins/registry.terraform.io/hashicorp/aws"),
            "SKIPPED: AWS validate and terraform test need the AWS provider's filesystem mirror at /opt/tf-plugins");
        var (exit, output) = ProcessCapture.Run("bash", RepoRoot.Path, Path.Combine(TestsDir, "terraform-checks.sh"));
        Assert.True(exit == 0, output);
        Assert.Contains("ok test: terraform/providers/aws (mock_provider)", output);
        Assert.Matches(@"\d+ passed, 0 failed, 0 skipped", output);
    }

    [Theory]
    [InlineData("hetzner")]
    [InlineData("aws")]
    [InlineData("digitalocean")]
    public void Every_catalog_region_and_size_passes_the_module_validation(string provider)
    {
        var catalog = Catalogs.Providers;
        var variables = File.ReadAllText(RepoRoot.Combine("terraform", "providers", provider, "variables.tf"));
        var quoted = Regex.Matches(variables, "\"([a-z0-9.-]+)\"").Select(m => m.Groups[1].Value).ToHashSet();
        var info = catalog.Find(provider)!;
        Assert.All(info.Regions, r => Assert.True(quoted.Contains(r), $"{provider} region {r} is in catalog.yml but not accepted by variables.tf"));
        Assert.All(info.Sizes.Keys, s => Assert.True(quoted.Contains(s), $"{provider} size {s} is in catalog.yml but not accepted by variables.tf"));
    }

    private static DeploymentSpec LoadExample(string name) =>
        Specs.Loader(RepoRoot.Combine("deployments")).Load(name, Specs.None, Specs.None);

    private static readonly object NodeLock = new();

    private static void EnsureNodeModules()
    {
        lock (NodeLock)
        {
            if (Directory.Exists(Path.Combine(TestsDir, "node_modules", "@cdktf"))) return;
            var (exit, output) = ProcessCapture.Run("npm", TestsDir, "ci", "--no-audit", "--no-fund");
            Assert.True(exit == 0, "npm ci in terraform/tests failed:\n" + output);
        }
    }
}
