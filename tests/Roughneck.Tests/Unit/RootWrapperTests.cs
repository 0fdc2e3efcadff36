using Roughneck.Deployments;
using Roughneck.Terraform;
using Xunit;
using static Roughneck.Tests.TestSupport.Specs;

namespace Roughneck.Tests.Unit;

/// <summary>RootWrapper: a deployment's own root module with its backend and one call of the provider module.</summary>
public class RootWrapperTests
{
    private static readonly DeploymentPaths Paths = new("/repo/deployments/demo");

    private static string Render(string backend = "local", string provider = "hetzner") =>
        RootWrapper.Render(Paths.RootModule, $"/repo/terraform/providers/{provider}", provider, backend, new[] { "size", "deployment_name", "labels", "region" });

    [Fact]
    public void Module_source_is_relative_to_the_wrapper()
    {
        Assert.Contains("  source = \"../../../../terraform/providers/hetzner\"", Render(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("s3")]
    [InlineData("pg")]
    public void Backend_block_names_the_backend_and_holds_no_settings(string backend)
    {
        Assert.Contains($"  backend \"{backend}\" {{}}", Render(backend), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hetzner", "hcloud", "hetznercloud/hcloud")]
    [InlineData("digitalocean", "digitalocean", "digitalocean/digitalocean")]
    [InlineData("aws", "aws", "hashicorp/aws")]
    public void The_root_configures_the_cloud_provider_the_modules_only_require(string provider, string localName, string source)
    {
        var text = Render(provider: provider).ReplaceLineEndings("\n");

        Assert.Contains($"  required_providers {{\n    {localName} = {{ source = \"{source}\" }}\n  }}", text, StringComparison.Ordinal);
        var block = provider == "aws" ? "provider \"aws\" {\n  region = var.region\n}\n" : $"provider \"{localName}\" {{\n}}\n";
        Assert.Contains("\n" + block, text, StringComparison.Ordinal);
        Assert.DoesNotContain("token", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Local_needs_no_provider()
    {
        var text = Render(provider: "local");

        Assert.DoesNotContain("provider \"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("required_providers", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_optional_variable_defaults_to_null_the_others_are_required()
    {
        var text = RootWrapper.Render(Paths.RootModule, "/repo/terraform/providers/aws", "aws", "local", new[] { "size", "ssh_port_previous" }).ReplaceLineEndings("\n");

        Assert.Contains("variable \"ssh_port_previous\" {\n  default = null\n}", text, StringComparison.Ordinal);
        Assert.Contains("variable \"size\" {}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_variable_is_declared_and_passed_in_sorted_order()
    {
        var text = Render();

        Assert.True(text.IndexOf("  deployment_name = var.deployment_name", StringComparison.Ordinal) < text.IndexOf("  labels = var.labels", StringComparison.Ordinal));
        Assert.True(text.IndexOf("  labels = var.labels", StringComparison.Ordinal) < text.IndexOf("  size = var.size", StringComparison.Ordinal));
        foreach (var name in new[] { "deployment_name", "labels", "size" })
        {
            Assert.Contains($"variable \"{name}\" {{}}", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_contract_output_is_forwarded()
    {
        var text = Render();

        foreach (var output in TerraformOutputs.Names)
        {
            Assert.Contains($"output \"{output}\" {{\n  value = module.deployment.{output}\n}}", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Local_backend_keeps_state_in_the_deployment()
    {
        Assert.Equal(
            new Dictionary<string, string> { ["path"] = "/repo/deployments/demo/.roughneck/terraform.tfstate" },
            RootWrapper.BackendConfig(Local(), Paths));
    }

    [Fact]
    public void S3_backend_has_bucket_key_region_encryption_and_locking()
    {
        var spec = Cloud("aws", "region: eu-central-1", "state:", "  backend: s3", "  bucket: team-state");

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["bucket"] = "team-state", ["key"] = "roughneck/demo.tfstate", ["region"] = "eu-central-1",
                ["encrypt"] = "true", ["use_lockfile"] = "true",
            },
            RootWrapper.BackendConfig(spec, Paths));
    }

    [Fact]
    public void Pg_backend_has_the_schema_and_never_the_connection_string()
    {
        var spec = Cloud("hetzner", "state:", "  backend: pg");

        Assert.Equal(new Dictionary<string, string> { ["schema_name"] = "roughneck_demo" }, RootWrapper.BackendConfig(spec, Paths));
    }
}
