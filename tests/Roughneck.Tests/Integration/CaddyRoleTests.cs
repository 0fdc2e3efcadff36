using System.Text.Json;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>
/// The caddy role's acme_dns checks, run by the real ansible-playbook on this machine: they refuse
/// before the role touches anything, each naming what is missing.
/// </summary>
[Collection("cli")]
public sealed class CaddyRoleTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private (int Exit, string Output) Caddy(object binaryDownloads)
    {
        var playbook = _dir.Write("caddy.yml", $$"""
            - hosts: localhost
              connection: local
              gather_facts: false
              vars_files: [{{RepoRoot.Combine("ansible", "vars", "roughneck.yml")}}]
              tasks:
                - ansible.builtin.include_role:
                    name: caddy
            """);
        var vars = _dir.Write("vars.json", JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["roughneck_tls"] = new { mode = "acme_dns", domain = "ws.example.org", email = "ops@example.org", dns_provider = "hetzner" },
            ["caddy_binary_downloads"] = binaryDownloads,
        }));
        return LocalAnsible.Playbook(_dir.Path, playbook, "-e", "@" + vars);
    }

    [SkippableFact]
    public void Acme_dns_without_a_caddy_build_with_a_dns_plugin_is_refused()
    {
        var (exit, output) = Caddy(new Dictionary<string, object>());

        Assert.NotEqual(0, exit);
        Assert.Contains("TLS mode acme_dns needs a DNS provider plugin", output);
        Assert.DoesNotContain("Install Caddy and curl", output);
    }

    [SkippableFact]
    public void Acme_dns_without_the_token_in_the_environment_is_refused_without_printing_it()
    {
        var build = new { amd64 = new { url = "https://example.org/caddy-amd64", sha256 = new string('a', 64) } };

        var (exit, output) = Caddy(build);

        Assert.NotEqual(0, exit);
        // The build check passed (its message is absent); the token check is the one that failed.
        Assert.DoesNotContain("needs a DNS provider plugin", output);
        Assert.Contains("Check that the DNS provider token is set", output);
        Assert.Contains("censored", output);
        Assert.DoesNotContain("Install Caddy and curl", output);
    }
}
