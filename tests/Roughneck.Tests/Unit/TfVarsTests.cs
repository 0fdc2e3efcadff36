using System.Text.Json;
using System.Text.RegularExpressions;
using Roughneck.Deployments;
using Roughneck.Terraform;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>TfVars.Build: the root module's variables per provider (docs/CONTRACTS.md).</summary>
public partial class TfVarsTests
{
    private const string LoginKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG9naW5rZXlvZ2lua2V5b2dpbmtleW9naW5rZXlvZ2lu roughneck-demo\n";
    private const string HostKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICmMRSwMWb2GR919ho6urpyeruxx8/0IELpnZoG1Dpqn roughneck-demo-host\n";
    private static readonly DeploymentPaths Paths = new("/srv/roughneck/deployments/demo");

    private static readonly string[] Common =
    {
        "deployment_name", "region", "size", "image", "ssh_user", "ssh_port", "ssh_public_key",
        "host_key_private_path", "host_key_public", "host_key_fingerprint", "labels",
    };

    private static readonly string[] CloudOnly = { "allowed_ssh_cidrs", "tls_enabled", "acme_http", "http_proxy" };

    private static readonly string[] LocalOnly =
    {
        "machine_id", "host_address", "guest_address", "prefix_length", "rootfs_cache_dir", "machines_dir", "runtime_dir", "proxy_allow",
    };

    private static DeploymentSpec SpecFor(string provider) => provider == "local"
        ? Specs.Local("tags:", "  team: platform")
        : Specs.Cloud(provider, "tags:", "  team: platform", "network:", "  http_proxy: http://proxy.internal:3128");

    private static Dictionary<string, object> Build(string provider)
    {
        var spec = SpecFor(provider);
        var network = spec.IsLocal ? LocalNetwork.Allocate("rn-1234abcd", new HashSet<string>()) : null;
        return TfVars.Build(spec, Paths, LoginKey, HostKey, network, "/var/lib/roughneck");
    }

    [Fact]
    public void Local_has_its_network_and_sandbox_paths_and_no_cloud_keys()
    {
        var vars = Build("local");
        var network = LocalNetwork.Allocate("rn-1234abcd", new HashSet<string>());

        Assert.Equal(Common.Concat(LocalOnly).Order(), vars.Keys.Order());
        Assert.Equal(network.MachineId, vars["machine_id"]);
        Assert.Equal(network.HostAddress, vars["host_address"]);
        Assert.Equal(network.GuestAddress, vars["guest_address"]);
        Assert.Equal(30, vars["prefix_length"]);
        Assert.Equal("/var/lib/roughneck/cache", vars["rootfs_cache_dir"]);
        Assert.Equal("/var/lib/roughneck/machines", vars["machines_dir"]);
        Assert.Equal("/var/lib/roughneck/run", vars["runtime_dir"]);
    }

    [Theory]
    [InlineData("hetzner")]
    [InlineData("aws")]
    [InlineData("digitalocean")]
    public void Clouds_have_cidrs_tls_and_proxy_and_no_local_keys(string provider)
    {
        var vars = Build(provider);

        Assert.Equal(Common.Concat(CloudOnly).Order(), vars.Keys.Order());
        Assert.Equal(new[] { "203.0.113.0/24" }, (IEnumerable<string>)vars["allowed_ssh_cidrs"]);
        Assert.Equal(false, vars["tls_enabled"]);
        Assert.Equal(false, vars["acme_http"]);
        Assert.Equal("http://proxy.internal:3128", vars["http_proxy"]);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("https://mirror.example.com/roughneck", "")]
    [InlineData("http://127.0.0.1:8123", "127.0.0.1:8123")]
    [InlineData("http://localhost:9000/x", "127.0.0.1:9000")]
    [InlineData("https://10.0.0.5/m", "10.0.0.5:443")]
    public void The_sandbox_proxy_may_reach_only_a_mirror_given_by_address(string mirror, string allowed)
    {
        Assert.Equal(allowed.Length == 0 ? Array.Empty<string>() : new[] { allowed }, TfVars.ProxyAllow(mirror));
    }

    [Theory]
    [InlineData("self_signed", false)]
    [InlineData("acme_dns", false)]
    [InlineData("acme_http", true)]
    public void Port_80_opens_only_for_the_acme_http_challenge(string mode, bool open)
    {
        var spec = Specs.Cloud("hetzner", "features:", "  tls: true", "tls:", $"  mode: {mode}", "  domain: dev.example.com", "  dns_provider: cloudflare");

        var vars = TfVars.Build(spec, Paths, LoginKey, HostKey, null, "/var/lib/roughneck");

        Assert.Equal(true, vars["tls_enabled"]);
        Assert.Equal(open, vars["acme_http"]);
    }

    [Fact]
    public void Local_without_a_network_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => TfVars.Build(SpecFor("local"), Paths, LoginKey, HostKey, null, "/var/lib/roughneck"));
    }

    [Fact]
    public void Labels_hold_the_tags_plus_managed_by_and_deployment()
    {
        var labels = (IDictionary<string, string>)Build("hetzner")["labels"];

        Assert.Equal(
            new Dictionary<string, string> { ["deployment"] = "demo", ["managed-by"] = "roughneck", ["team"] = "platform" },
            labels);
    }

    [Fact]
    public void Host_key_is_passed_as_an_absolute_path_never_as_contents()
    {
        var vars = Build("hetzner");
        var json = TfVars.ToJson(vars);

        Assert.Equal("/srv/roughneck/deployments/demo/.roughneck/ssh/host_ed25519_key", vars["host_key_private_path"]);
        Assert.Equal(HostKey.Trim(), vars["host_key_public"]);
        Assert.Equal(LoginKey.Trim(), vars["ssh_public_key"]);
        Assert.DoesNotContain("PRIVATE KEY", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_key_fingerprint_is_computed_here_as_ssh_keygen_prints_it()
    {
        // ssh-keygen -lf of HostKey
        Assert.Equal(Roughneck.Ssh.SshKeys.Fingerprint(HostKey), Build("aws")["host_key_fingerprint"]);
        Assert.Matches("^SHA256:[A-Za-z0-9+/]{43}$", (string)Build("local")["host_key_fingerprint"]);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("hetzner")]
    public void Previous_ssh_port_only_during_a_port_change(string provider)
    {
        var spec = SpecFor(provider);
        var network = spec.IsLocal ? LocalNetwork.Allocate(Paths.Dir, new HashSet<string>()) : null;

        Assert.False(Build(provider).ContainsKey("ssh_port_previous"));
        Assert.Equal(2222, TfVars.Build(spec, Paths, LoginKey, HostKey, network, "/x", sshPortPrevious: 2222)["ssh_port_previous"]);
    }

    [Fact]
    public void Fallback_choice_overrides_region_and_size()
    {
        var vars = TfVars.Build(SpecFor("hetzner"), Paths, LoginKey, HostKey, null, "/x", regionOverride: "nbg1", sizeOverride: "cpx31");

        Assert.Equal("nbg1", vars["region"]);
        Assert.Equal("cpx31", vars["size"]);
    }

    [Fact]
    public void Json_has_typed_values_and_reads_back()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("tfvars.json", TfVars.ToJson(Build("local")));

        using var document = JsonDocument.Parse(File.ReadAllText(file));
        Assert.Equal(JsonValueKind.Number, document.RootElement.GetProperty("ssh_port").ValueKind);
        Assert.Equal(JsonValueKind.Object, document.RootElement.GetProperty("labels").ValueKind);
        Assert.Equal("demo", TfVars.ReadString(file, "deployment_name"));
        Assert.Null(TfVars.ReadString(file, "ssh_port"));
        Assert.Null(TfVars.ReadString(temp.Combine("absent.json"), "deployment_name"));
        Assert.Equal(22, TfVars.ReadInt(file, "ssh_port"));
        Assert.Null(TfVars.ReadInt(file, "deployment_name"));
        Assert.Null(TfVars.ReadInt(file, "ssh_port_previous"));
    }

    [GeneratedRegex("""^\s*variable\s+"(?<name>[^"]+)"\s*\{""", RegexOptions.Multiline)]
    private static partial Regex VariableBlock();

    [GeneratedRegex(@"^\s*default\s*=", RegexOptions.Multiline)]
    private static partial Regex DefaultLine();

    /// <summary>Declared variables of a variables.tf, and whether each has a default.</summary>
    private static Dictionary<string, bool> Declared(string text)
    {
        var matches = VariableBlock().Matches(text);
        var declared = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var i = 0; i < matches.Count; i++)
        {
            var end = i + 1 < matches.Count ? matches[i + 1].Index : text.Length;
            var body = text[matches[i].Index..end];
            declared[matches[i].Groups["name"].Value] = DefaultLine().IsMatch(body);
        }
        return declared;
    }

    /// <summary>The local variables docs/CONTRACTS.md promises: the common table plus "Local adds:".</summary>
    private static HashSet<string> ContractLocalVariables()
    {
        var contract = File.ReadAllText(RepoRoot.Combine("docs", "CONTRACTS.md"));
        var common = contract[contract.IndexOf("Variables common to every provider", StringComparison.Ordinal)..contract.IndexOf("Clouds add:", StringComparison.Ordinal)];
        var local = contract[contract.IndexOf("Local adds:", StringComparison.Ordinal)..];
        local = local[..local.IndexOf("\n\n", StringComparison.Ordinal)];
        var names = Regex.Matches(common, @"^\| `(?<n>[a-z_]+)` \|", RegexOptions.Multiline).Select(m => m.Groups["n"].Value)
            .Concat(Regex.Matches(local, "`(?<n>[a-z_]+)`").Select(m => m.Groups["n"].Value));
        return names.ToHashSet(StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("hetzner")]
    [InlineData("aws")]
    [InlineData("digitalocean")]
    [InlineData("local")]
    public void Every_key_is_declared_by_the_provider_module(string provider)
    {
        var keys = Build(provider).Keys.ToHashSet(StringComparer.Ordinal);
        var file = RepoRoot.Combine("terraform", "providers", provider, "variables.tf");
        if (!File.Exists(file))
        {
            var contract = ContractLocalVariables();
            Assert.True(provider == "local" && contract.SetEquals(keys),
                $"terraform/providers/{provider}/variables.tf does not exist yet, so the keys were checked against docs/CONTRACTS.md instead: " +
                $"tfvars [{string.Join(", ", keys.Order())}] vs contract [{string.Join(", ", contract.Order())}]");
            return;
        }

        // region and size live in the generated catalog.tf: read every file of the module
        var module = Path.GetDirectoryName(file)!;
        var declared = Declared(string.Concat(Directory.GetFiles(module, "*.tf").Order(StringComparer.Ordinal).Select(File.ReadAllText)));
        var undeclared = keys.Where(k => !declared.ContainsKey(k)).ToList();
        var required = declared.Where(d => !d.Value && !keys.Contains(d.Key)).Select(d => d.Key).ToList();
        Assert.True(undeclared.Count == 0, $"{provider}: tfvars keys not declared in variables.tf: {string.Join(", ", undeclared)}");
        Assert.True(required.Count == 0, $"{provider}: variables without default that tfvars never sets: {string.Join(", ", required)}");
    }
}
