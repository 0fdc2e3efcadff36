using Roughneck.Pricing;
using Roughneck.Terraform;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>PlanReport.Markdown: the CI job summary of a plan.</summary>
public class PlanReportTests
{
    private static readonly PlanSummary TwoChanges = new(new[]
    {
        new ResourceChange("module.deployment.hcloud_server.this", "hcloud_server", "create"),
        new ResourceChange("module.deployment.hcloud_firewall.ssh", "hcloud_firewall", "replace"),
    });

    [Fact]
    public void Heading_names_deployment_provider_region_and_counts()
    {
        var markdown = PlanReport.Markdown("demo", "hetzner", "fsn1", TwoChanges, null);

        Assert.StartsWith("### Plan for `demo` (hetzner, fsn1): 2 to add, 0 to change, 1 to destroy", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_lists_every_change()
    {
        var markdown = PlanReport.Markdown("demo", "hetzner", "fsn1", TwoChanges, null);

        Assert.Contains("| Action | Resource |\n|---|---|\n", markdown.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("| create | `module.deployment.hcloud_server.this` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| replace | `module.deployment.hcloud_firewall.ssh` |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Cost_line_is_bold()
    {
        var cost = CostEstimate.For(Catalogs.Providers, "hetzner", "cx33");

        var markdown = PlanReport.Markdown("demo", "hetzner", "fsn1", TwoChanges, cost);

        Assert.Contains("**Cost:** 0.0152 EUR/hour, 9.49 EUR/month for cx33 (server 0.0144/8.99 + public IPv4 0.0008/0.50)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void No_changes_has_no_table_and_no_cost_without_estimate()
    {
        var markdown = PlanReport.Markdown("demo", "local", "local", new PlanSummary(Array.Empty<ResourceChange>()), null);

        Assert.Contains("no changes", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("| Action", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Cost", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_fallback_the_report_shows_the_planned_size_and_region_not_the_specs()
    {
        var markdown = PlanReport.Markdown("demo", "hetzner", "nbg1", TwoChanges, null, "cpx32", "cx33 in fsn1");

        Assert.Contains("(hetzner, nbg1, cpx32)", markdown, StringComparison.Ordinal);
        Assert.Contains("planned **cpx32 in nbg1**; the spec asks for cx33 in fsn1", markdown, StringComparison.Ordinal);
    }
}
