using Roughneck.Ansible;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>ansible-playbook -i inventory -e @extra-vars [--tags] [--check --diff] playbook; nothing else.</summary>
public class AnsiblePlaybookSettingsTests
{
    private static readonly AnsiblePlaybookSettings Site = new()
    {
        AnsibleDir = "/repo/ansible",
        Playbook = "site.yml",
        Inventory = "/d/.roughneck/inventory.yml",
        ExtraVarsFile = "/d/.roughneck/extra-vars.json",
    };

    [Fact]
    public void Site_run_is_inventory_extra_vars_and_playbook()
    {
        Assert.Equal(new[] { "-i", "/d/.roughneck/inventory.yml", "-e", "@/d/.roughneck/extra-vars.json", "site.yml" }, Site.ToArguments());
    }

    [Fact]
    public void Update_with_tags_check_and_diff_keeps_the_playbook_last()
    {
        var settings = Site with { Playbook = "update.yml", Tags = new[] { "apt", "ai_clis" }, Check = true, Diff = true };

        Assert.Equal(
            new[] { "-i", "/d/.roughneck/inventory.yml", "-e", "@/d/.roughneck/extra-vars.json", "--tags=apt,ai_clis", "--check", "--diff", "update.yml" },
            settings.ToArguments());
    }

    [Fact]
    public void Verbosity_is_capped_at_four()
    {
        Assert.Contains("-vvvv", (Site with { Verbosity = 9 }).ToArguments());
    }

    [Fact]
    public void Environment_uses_the_repository_config_and_checks_host_keys()
    {
        var env = Site.ToEnvironment();

        Assert.Equal("/repo/ansible/ansible.cfg", env["ANSIBLE_CONFIG"]);
        Assert.Equal("True", env["ANSIBLE_HOST_KEY_CHECKING"]);
        Assert.Equal("1", env["ANSIBLE_NOCOLOR"]);
    }

    [Fact]
    public void Secrets_are_in_the_environment_not_the_arguments()
    {
        var settings = Site with { SecretEnvironment = new Dictionary<string, string> { ["ROUGHNECK_SECRET_DNS_TOKEN"] = "dns-token-123456" } };

        Assert.Equal("dns-token-123456", settings.ToEnvironment()["ROUGHNECK_SECRET_DNS_TOKEN"]);
        Assert.DoesNotContain(settings.ToArguments(), a => a.Contains("dns-token", StringComparison.Ordinal));
    }
}
