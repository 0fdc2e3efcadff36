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
    [Trait("Category", "Static")]
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
                var network = spec.IsLocal ? LocalNetwork.Allocate("rn-1234abcd", new HashSet<string>()) : null;
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
    [Trait("Category", "Static")]
    public void Static_check_catches_every_kind_of_fault_it_claims_to()
    {
        Requirements.Commands("node", "npm");
        EnsureNodeModules();
        var (exit, output) = ProcessCapture.Run("node", TestsDir, Path.Combine(TestsDir, "static-check.selftest.mjs"));
        Assert.True(exit == 0, output);
        Assert.Matches(@"\d+ passed, 0 failed", output);
    }

    [SkippableFact]
    public void Fmt_and_the_cloud_init_module_tests_pass_without_any_provider()
    {
        Requirements.Commands("terraform");
        var (exit, output) = ProcessCapture.Run("bash", RepoRoot.Path, Path.Combine(TestsDir, "terraform-checks.sh"), "no-provider");
        Assert.True(exit == 0, output);
        Assert.Contains("ok test: terraform/modules/cloud-init", output);
        Assert.Contains("ok fmt: terraform/modules/hetzner", output);
        Assert.Contains("ok fmt: terraform/providers/local", output);
        Assert.Matches(@"\d+ passed, 0 failed, 0 skipped", output);
    }

    [SkippableFact]
    public void Aws_module_validates_and_its_mocked_tests_pass_with_the_provider_from_a_mirror_or_the_registry()
    {
        Requirements.Commands("terraform");
        var (exit, output) = ProcessCapture.Run("bash", RepoRoot.Path, Path.Combine(TestsDir, "terraform-checks.sh"), "aws");
        // Exit 3: the provider could be fetched from neither a mirror nor the registry (this machine, not the module).
        Skip.If(exit == 3, output.Split('\n').FirstOrDefault(l => l.StartsWith("SKIPPED", StringComparison.Ordinal)) ?? output);
        Assert.True(exit == 0, output);
        Assert.Contains("ok validate: terraform/providers/aws", output);
        Assert.Contains("ok test: terraform/providers/aws (mock_provider)", output);
        Assert.Matches(@"\d+ passed, 0 failed, 0 skipped", output);
    }

    /// <summary>
    /// The root module Init generates configures the provider, so the shared module is no legacy
    /// module: a second call of it with count validates (Terraform refuses count on a module that
    /// configures a provider). AWS only: the other providers cannot be installed here.
    /// </summary>
    [SkippableFact]
    public void Generated_aws_root_initialises_validates_and_may_call_the_module_with_count()
    {
        Requirements.Commands("terraform");
        Skip.IfNot(Directory.Exists("/opt/tf-plugins/registry.terraform.io/hashicorp/aws"),
            "SKIPPED: needs the AWS provider's filesystem mirror at /opt/tf-plugins");
        using var temp = new TempDirectory();
        var spec = LoadExample("gastown-us");
        var paths = new DeploymentPaths(temp.Combine("gastown-us"));
        var vars = TfVars.Build(spec, paths, LoginKey, HostKey, null, "/var/lib/roughneck");
        var root = temp.Combine("root");
        Directory.CreateDirectory(root);
        var providerDir = RepoRoot.Combine("terraform", "providers", "aws");
        File.WriteAllText(Path.Combine(root, "main.tf"), RootWrapper.Render(root, providerDir, "aws", "local", vars.Keys));
        var source = Path.GetRelativePath(root, providerDir).Replace('\\', '/');
        File.WriteAllText(Path.Combine(root, "count_probe.tf"),
            $"module \"count_probe\" {{\n  source = \"{source}\"\n  count  = 0\n" +
            string.Concat(vars.Keys.Select(k => $"  {k} = var.{k}\n")) + "}\n");
        File.Copy(Path.Combine(providerDir, ".terraform.lock.hcl"), Path.Combine(root, ".terraform.lock.hcl"));
        File.WriteAllText(temp.Combine("cli.tfrc"),
            "provider_installation {\n  filesystem_mirror {\n    path    = \"/opt/tf-plugins\"\n    include = [\"registry.terraform.io/hashicorp/aws\"]\n  }\n}\n");
        var environment = $"TF_CLI_CONFIG_FILE='{temp.Combine("cli.tfrc")}' TF_DATA_DIR='{temp.Combine("tf")}' TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1";

        var (exit, output) = ProcessCapture.Run("bash", root, "-c",
            $"{environment} terraform init -backend=false -input=false -lockfile=readonly -no-color && {environment} terraform validate -no-color");

        Assert.True(exit == 0, output);
        Assert.Contains("The configuration is valid", output);

        // Positive control: the same call against a copy of the module with a provider block
        // of its own is refused, which is what made the modules legacy before.
        var legacy = temp.Combine("legacy");
        CopyModuleTree(RepoRoot.Combine("terraform"), legacy);
        File.AppendAllText(Path.Combine(legacy, "providers", "aws", "main.tf"), "\nprovider \"aws\" {\n  region = var.region\n}\n");
        File.WriteAllText(Path.Combine(root, "count_probe.tf"),
            $"module \"count_probe\" {{\n  source = \"{Path.GetRelativePath(root, Path.Combine(legacy, "providers", "aws")).Replace('\\', '/')}\"\n  count  = 0\n" +
            string.Concat(vars.Keys.Select(k => $"  {k} = var.{k}\n")) + "}\n");
        var (legacyExit, legacyOutput) = ProcessCapture.Run("bash", root, "-c",
            $"{environment} terraform init -backend=false -input=false -lockfile=readonly -no-color && {environment} terraform validate -no-color");
        Assert.NotEqual(0, legacyExit);
        Assert.Contains("count", legacyOutput);
    }

    private static void CopyModuleTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*.tf", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Contains(".terraform", StringComparison.Ordinal) || relative.Contains("tests", StringComparison.Ordinal)) continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Theory]
    [Trait("Category", "Static")]
    [InlineData("hetzner")]
    [InlineData("aws")]
    [InlineData("digitalocean")]
    public void Every_catalog_region_and_size_passes_the_module_validation(string provider)
    {
        var info = Catalogs.Providers.Find(provider)!;
        // region and size are declared in the generated catalog.tf (terraform/catalog.yml is the source)
        var variables = string.Concat(Directory.GetFiles(RepoRoot.Combine("terraform", "providers", provider), "*.tf").Order(StringComparer.Ordinal).Select(File.ReadAllText));
        var regions = AllowedValues(variables, "region");
        var sizes = AllowedValues(variables, "size");
        Assert.All(info.Regions, r => Assert.True(regions.Contains(r), $"{provider} region {r} is in catalog.yml but not accepted by the module"));
        Assert.All(info.Sizes.Keys, s => Assert.True(sizes.Contains(s), $"{provider} size {s} is in catalog.yml but not accepted by the module"));
        // The lists are apart: a size in the region list (or the reverse) would pass the old any-quoted-string match.
        Assert.Empty(regions.Intersect(sizes));
    }

    [Fact]
    [Trait("Category", "Static")]
    public void Allowed_values_are_read_from_the_variables_own_validation_only()
    {
        const string variables = """
            variable "region" {
              default     = "fra1"
              validation {
                condition     = contains([
                  "nyc1", "sfo3",
                ], var.region)
                error_message = "region must be one of: nyc1, sfo3."
              }
            }
            variable "size" {
              validation {
                condition = contains(["s-1vcpu-1gb"], var.size)
                error_message = "no"
              }
            }
            """;
        Assert.Equal(new[] { "nyc1", "sfo3" }, AllowedValues(variables, "region").Order());
        Assert.Equal(new[] { "s-1vcpu-1gb" }, AllowedValues(variables, "size"));
        Assert.Throws<Xunit.Sdk.TrueException>(() => AllowedValues(variables, "image"));
    }

    /// <summary>
    /// The list in variable NAME's validation, <c>contains([...], var.NAME)</c>: the block is found by
    /// brace matching, and every element must be a plain string literal.
    /// </summary>
    private static HashSet<string> AllowedValues(string variablesTf, string name)
    {
        var start = Regex.Match(variablesTf, $@"^variable\s+""{Regex.Escape(name)}""\s*\{{", RegexOptions.Multiline);
        Assert.True(start.Success, $"no variable \"{name}\" block");
        var depth = 0;
        var end = start.Index + start.Length - 1;
        for (; end < variablesTf.Length; end++)
        {
            if (variablesTf[end] == '{') depth++;
            else if (variablesTf[end] == '}' && --depth == 0) break;
        }
        var block = variablesTf[start.Index..end];
        var contains = Regex.Match(block, $@"contains\(\s*\[(?<list>[^\]]*)\]\s*,\s*var\.{Regex.Escape(name)}\s*\)");
        Assert.True(contains.Success, $"variable \"{name}\" has no contains([...], var.{name}) validation");
        var elements = contains.Groups["list"].Value.Split(',').Select(e => e.Trim()).Where(e => e.Length > 0).ToList();
        Assert.All(elements, e => Assert.Matches(@"^""[a-z0-9.-]+""$", e));
        return elements.Select(e => e.Trim('"')).ToHashSet();
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
