using Roughneck.Deployments;
using Roughneck.Tests.TestSupport;
using Xunit;
using static Roughneck.Tests.TestSupport.Specs;

namespace Roughneck.Tests.Unit;

/// <summary>
/// Every malformed deployment.yaml is refused before anything runs, with the file, the line,
/// the key and, where a near valid value exists, a suggestion.
/// </summary>
public class SpecLoaderMalformedInputTests
{
    private const string Cidrs = "  allowed_cidrs: [203.0.113.0/24]";

    /// <summary>label, yaml, line (0 = the key is absent), key, message fragment, suggestion.</summary>
    public static TheoryData<string, string, int, string, string, string?> Cases => new()
    {
        // keys
        { "unknown top-level key", Yaml("provider: local", "sise: cx33"), 2, "sise", "unknown key", "size" },
        { "unknown key under ssh", Yaml("provider: local", "ssh: {prot: 22}"), 2, "ssh.prot", "unknown key; valid keys under 'ssh': user, port, allowed_cidrs", "ssh.port" },
        { "unknown feature", Yaml("provider: local", "features: {dockr: true}"), 2, "features.dockr", "valid keys under 'features': shell, git", "features.docker" },
        { "unknown key under ansible", Yaml("provider: local", "ansible:", "  var: {a: 1}"), 3, "ansible.var", "unknown key", "ansible.vars" },
        { "section given a scalar", Yaml("provider: local", "ssh: 22"), 2, "ssh", "expected a mapping of user, port, allowed_cidrs", null },

        // types
        { "port not a number", Yaml("provider: local", "ssh:", "  port: abc"), 3, "ssh.port", "expected a whole number, found 'abc'", null },
        { "port given a list", Yaml("provider: local", "ssh:", "  port: [22, 2222]"), 3, "ssh.port", "expected a single number, found a list", null },
        { "feature written yes", Yaml("provider: local", "features:", "  docker: yes"), 3, "features.docker", "expected true or false, found 'yes'; write true", null },
        { "feature written as quoted true", Yaml("provider: local", "features:", "  docker: \"true\""), 3, "features.docker", "found 'true'; write true", null },
        { "boolean written 1", Yaml("provider: local", "docker:", "  user_in_group: 1"), 3, "docker.user_in_group", "found '1'; write true", null },
        { "allowed_cidrs given a string", Yaml("provider: hetzner", "ssh:", "  allowed_cidrs: 0.0.0.0/0"), 3, "ssh.allowed_cidrs", "expected a list (- item or [a, b]), found a value", null },
        { "tags given a list", Yaml("provider: local", "tags: [team, dev]"), 2, "tags", "expected a mapping (name: value), found a list", null },
        { "tag value not a string", Yaml("provider: local", "tags:", "  team: [a, b]"), 3, "tags", "entries must be 'name: value' strings", null },
        { "ai_clis given a mapping", Yaml("provider: local", "ai_clis:", "  claude: true"), 3, "ai_clis", "expected a list (- item or [a, b]), found a mapping", null },
        { "ai_clis item not a string", Yaml("provider: local", "ai_clis: [[claude]]"), 2, "ai_clis", "list items must be plain strings", null },
        { "ansible.vars given a list", Yaml("provider: local", "ansible:", "  vars: [a]"), 3, "ansible.vars", "expected a mapping, found a list", null },

        // name
        { "name upper-case", Yaml("name: Demo", "provider: local"), 1, "name", "'Demo' is not a valid deployment name", null },
        { "name with underscore", Yaml("name: my_demo", "provider: local"), 1, "name", "'my_demo' is not a valid deployment name", null },
        { "name of 33 characters", Yaml("name: a" + new string('b', 32), "provider: local"), 1, "name", "at most 32 characters", null },
        { "name starting with a digit", Yaml("name: 1demo", "provider: local"), 1, "name", "start with a letter", null },
        { "name differs from folder", Yaml("name: other", "provider: local"), 1, "name", "'other' must match the folder name 'demo'", null },

        // provider, region, size
        { "unknown provider", Yaml("provider: hetznr"), 1, "provider", "'hetznr' is not one of: local, hetzner, aws, digitalocean", "hetzner" },
        { "unknown hetzner region", Yaml("provider: hetzner", "ssh:", Cidrs, "region: fsn2"), 4, "region", "'fsn2' is not one of: fsn1, nbg1, hel1", "fsn1" },
        { "retired hetzner size", Yaml("provider: hetzner", "ssh:", Cidrs, "size: cx32"), 4, "size", "'cx32' was removed by hetzner and can no longer be ordered; use cx33", "cx33" },
        { "unknown aws region", Yaml("provider: aws", "region: us-east1", "ssh:", Cidrs), 2, "region", "'us-east1' is not one of", "us-east-1" },
        { "unknown digitalocean size", Yaml("provider: digitalocean", "ssh:", Cidrs, "size: s-2vcpu-4g"), 4, "size", "'s-2vcpu-4g' is not one of", "s-2vcpu-4gb" },
        { "cloud region on local", Yaml("provider: local", "region: fsn1"), 2, "region", "'fsn1' is not one of: local", null },

        // ssh
        { "empty allowed_cidrs on a cloud", Yaml("provider: hetzner", "ssh:", "  allowed_cidrs: []"), 3, "ssh.allowed_cidrs", "to allow the whole internet on purpose, write both 0.0.0.0/0 and ::/0", null },
        { "allowed_cidrs missing on a cloud", Yaml("provider: aws"), 0, "ssh.allowed_cidrs", "is empty, so nobody could reach SSH", null },
        { "CIDR prefix too long", Yaml("provider: hetzner", "ssh:", "  allowed_cidrs: [203.0.113.0/24, 10.0.0.0/33]"), 3, "ssh.allowed_cidrs", "'10.0.0.0/33' is not a CIDR", null },
        { "CIDR without prefix", Yaml("provider: hetzner", "ssh:", "  allowed_cidrs: [203.0.113.7]"), 3, "ssh.allowed_cidrs", "'203.0.113.7' is not a CIDR", null },
        { "port 0", Yaml("provider: local", "ssh:", "  port: 0"), 3, "ssh.port", "0 is not a TCP port (1-65535)", null },
        { "port 70000", Yaml("provider: local", "ssh:", "  port: 70000"), 3, "ssh.port", "70000 is not a TCP port (1-65535)", null },
        { "user root", Yaml("provider: local", "ssh:", "  user: root"), 3, "ssh.user", "'root' is not a valid workspace user", null },
        { "user with capitals and a space", Yaml("provider: local", "ssh:", "  user: Bob Smith"), 3, "ssh.user", "'Bob Smith' is not a valid workspace user", null },

        // YAML itself
        { "tab indentation", Yaml("provider: local", "ssh:", "\tport: 22"), 3, "", "not valid YAML", null },
        { "unclosed flow sequence", Yaml("provider: local", "ai_clis: [claude, codex"), 3, "", "not valid YAML: While parsing a flow sequence, did not find expected ',' or ']'", null },
        { "unclosed flow mapping", Yaml("provider: local", "ssh: {port: 22"), 3, "", "not valid YAML", null },
        { "duplicate key", Yaml("provider: local", "size: standard", "provider: hetzner"), 3, "", "provider", null },
        { "two documents", Yaml("provider: local", "---", "provider: hetzner"), 3, "", "only one YAML document is allowed", null },
        { "empty file", "", 1, "", "the file is empty; it needs at least 'provider:'", null },
        { "comments only", Yaml("# nothing yet"), 1, "", "the file is empty", null },
        { "root is a list", Yaml("- provider: local"), 1, "", "expected a mapping of keys (key: value)", null },

        // features
        { "ai_clis without node", Yaml("provider: local", "features:", "  node: false", "  ai_clis: true"), 4, "features.ai_clis", "needs features.node: true (or turn ai_clis off)", null },
        { "tls without code_server", Yaml("provider: local", "features:", "  tls: true", "  code_server: false"), 3, "features.tls", "needs features.code_server: true", null },
        { "gastown_services without gastown", Yaml("provider: local", "features:", "  gastown: false", "  gastown_services: true"), 4, "features.gastown_services", "needs features.gastown: true", null },

        // tls
        { "acme_http with an empty domain", Yaml("provider: hetzner", "ssh:", Cidrs, "features:", "  tls: true", "tls:", "  mode: acme_http", "  domain: \"\""), 8, "tls.domain", "is required for tls.mode acme_http", null },
        { "acme_http without a domain", Yaml("provider: hetzner", "ssh:", Cidrs, "features:", "  tls: true", "tls:", "  mode: acme_http"), 0, "tls.domain", "is required for tls.mode acme_http", null },
        { "acme_dns without dns_provider", Yaml("provider: hetzner", "ssh:", Cidrs, "features:", "  tls: true", "tls:", "  mode: acme_dns", "  domain: dev.example.com"), 0, "tls.dns_provider", "is required for tls.mode acme_dns", null },
        { "local with acme_http", Yaml("provider: local", "features:", "  tls: true", "tls:", "  mode: acme_http", "  domain: dev.example.com"), 5, "tls.mode", "cannot be reached by a certificate authority: use self_signed", null },
        { "domain that injects a Caddy block", Yaml("provider: hetzner", "ssh:", Cidrs, "features:", "  tls: true", "tls:", "  mode: acme_http", "  domain: \"dev.example.com {\\n  respond hi\\n}\""), 8, "tls.domain", "is not a host name like dev.example.com", null },
        { "domain with a shell command", Yaml("provider: hetzner", "ssh:", Cidrs, "tls:", "  domain: \"dev.example.com; touch /tmp/x\""), 5, "tls.domain", "'dev.example.com; touch /tmp/x' is not a host name", null },
        { "domain that is one label", Yaml("provider: hetzner", "ssh:", Cidrs, "tls:", "  domain: localhost"), 5, "tls.domain", "is not a host name", null },
        { "email with a quote and a command", Yaml("provider: hetzner", "ssh:", Cidrs, "tls:", "  email: \"ops@example.com' $(id)\""), 5, "tls.email", "is not an e-mail address like ops@example.com", null },
        { "email without a domain", Yaml("provider: hetzner", "ssh:", Cidrs, "tls:", "  email: ops"), 5, "tls.email", "'ops' is not an e-mail address", null },
        { "dns_provider with a space", Yaml("provider: hetzner", "ssh:", Cidrs, "tls:", "  dns_provider: cloud flare"), 5, "tls.dns_provider", "'cloud flare' is not a Caddy DNS provider name", null },
        { "unknown tls mode", Yaml("provider: hetzner", "ssh:", Cidrs, "tls:", "  mode: acme-http"), 5, "tls.mode", "'acme-http' is not one of: self_signed, acme_http, acme_dns", "acme_http" },

        // network
        { "http_proxy not a URL", Yaml("provider: local", "network:", "  http_proxy: proxy.internal:3128"), 3, "network.http_proxy", "'proxy.internal:3128' is not an http(s) URL", null },
        { "http_proxy with credentials", Yaml("provider: local", "network:", "  http_proxy: http://alice:s3cret@proxy.internal:3128"), 3, "network.http_proxy", "must not carry a user or password", null },
        { "mirror_url over ftp", Yaml("provider: local", "network:", "  mirror_url: ftp://mirror.example.com/"), 3, "network.mirror_url", "'ftp://mirror.example.com/' is not an http(s) URL", null },
        { "extra_ca_certs absolute", Yaml("provider: local", "network:", "  extra_ca_certs: [/etc/ssl/corp.pem]"), 3, "network.extra_ca_certs", "'/etc/ssl/corp.pem' must be a path inside the deployment folder", null },
        { "extra_ca_certs outside the folder", Yaml("provider: local", "network:", "  extra_ca_certs: [../other/ca.pem]"), 3, "network.extra_ca_certs", "must be a path inside the deployment folder", null },

        // state, terraform
        { "unknown state backend", Yaml("provider: local", "state:", "  backend: s4"), 3, "state.backend", "'s4' is not one of: local, s3, pg", "s3" },
        { "s3 without bucket", Yaml("provider: local", "state:", "  backend: s3"), 0, "state.bucket", "is required for state.backend s3", null },
        { "pg schema with capitals", Yaml("provider: local", "state:", "  backend: pg", "  schema: Roughneck-Demo"), 4, "state.schema", "'Roughneck-Demo' is not a PostgreSQL schema name", null },
        { "terraform binary misspelt", Yaml("provider: local", "terraform:", "  binary: terrafrom"), 3, "terraform.binary", "'terrafrom' is not one of: terraform, tofu", "terraform" },
        { "lock_timeout without unit", Yaml("provider: local", "terraform:", "  lock_timeout: 1 minute"), 3, "terraform.lock_timeout", "'1 minute' is not a duration like 60s or 5m", null },

        // tags
        { "tag key upper-case", Yaml("provider: local", "tags:", "  Team: platform"), 3, "tags", "tag 'Team: platform' must use letters, digits", null },
        { "tag value with a space", Yaml("provider: local", "tags:", "  team: platform team"), 3, "tags", "tag 'team: platform team' must use", null },
        { "tag managed-by reserved", Yaml("provider: local", "tags:", "  managed-by: me"), 3, "tags", "tag 'managed-by' is set by Roughneck itself", null },

        // fallback, ai_clis
        { "fallback on aws", Yaml("provider: aws", "ssh:", Cidrs, "fallback:", "  sizes: [t3.large]"), 5, "fallback.sizes", "capacity fallback is only for provider hetzner", null },
        { "unknown fallback size", Yaml("provider: hetzner", "ssh:", Cidrs, "fallback:", "  sizes: [cx43x]"), 5, "fallback.sizes", "'cx43x' is not one of", "cx43" },
        { "unknown fallback region", Yaml("provider: hetzner", "ssh:", Cidrs, "fallback:", "  regions: [hel2]"), 5, "fallback.regions", "'hel2' is not one of", "hel1" },
        { "unknown AI CLI", Yaml("provider: local", "ai_clis: [claud, codex]"), 2, "ai_clis", "'claud' is not one of: claude, codex, gemini, copilot", "claude" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_spec_is_refused_with_file_line_key_and_suggestion(
        string label, string yaml, int line, string key, string fragment, string? suggestion)
    {
        var error = Problems(yaml);

        var problem = Assert.Single(error.Problems, p => p.Key == key);
        Assert.True(problem.Source == Source, $"{label}: source was '{problem.Source}'");
        Assert.True(problem.Line == line, $"{label}: line was {problem.Line}, expected {line} ({problem})");
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
        Assert.Equal(suggestion, problem.Suggestion);

        var where = line > 0 ? $"{Source}:{line}:" : $"{Source}:";
        Assert.Contains(where + (key.Length > 0 ? $" key '{key}':" : " "), error.Message, StringComparison.Ordinal);
        if (suggestion is not null)
        {
            Assert.Contains($"(did you mean '{suggestion}'?)", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void There_are_at_least_35_malformed_cases()
    {
        Assert.True(Cases.Count() >= 35);
    }

    [Fact]
    public void Yaml_the_parser_cannot_read_is_still_a_spec_problem_naming_the_file()
    {
        // An unclosed flow sequence followed by more lines makes YamlDotNet throw
        // InvalidOperationException instead of YamlException.
        var error = Problems(Yaml("provider: local", "ai_clis: [claude, codex", "size: standard"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(Source, problem.Source);
        Assert.Contains("not valid YAML", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Proxy_credentials_are_not_echoed_in_the_message()
    {
        var error = Problems(Yaml("provider: local", "network:", "  http_proxy: http://alice:s3cret@proxy.internal:3128"));

        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_problems_are_reported_together_in_file_order()
    {
        var error = Problems(Yaml("provider: local", "sise: cx33", "ssh:", "  prot: 22"));

        Assert.Equal(new[] { "sise", "ssh.prot" }, error.Problems.Select(p => p.Key));
        Assert.Equal(new[] { 2, 4 }, error.Problems.Select(p => p.Line));
    }
}
