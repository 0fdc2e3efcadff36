using System.Text.Json;
using Roughneck.Deployments;
using Roughneck.Processes;
using Roughneck.Ssh;
using Roughneck.Targets;
using Roughneck.Terraform;
using Roughneck.Tests.TestSupport;
using Xunit;
using static Roughneck.Tests.TestSupport.Specs;

namespace Roughneck.Tests.Unit;

/// <summary>State as the source of truth: reading it, the identity output, login keys, backends.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class StateSourceOfTruthTests
{
    // Throwaway keys made for these tests with ssh-keygen (never used anywhere).
    private static readonly string PrivateKey = string.Join("\n", new[] {
            "-----BEGIN OPENSSH PRIVATE KEY-----",
            "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW",
            "QyNTUxOQAAACAbkOOdRo5l3b6tTCfSLlA5wGh3P0vczTM6jZKrNKrn+AAAAIiDN1GJgzdR",
            "iQAAAAtzc2gtZWQyNTUxOQAAACAbkOOdRo5l3b6tTCfSLlA5wGh3P0vczTM6jZKrNKrn+A",
            "AAAEB5/PYF4EhtaNfWLRF310mqM7vqPWcp84xyPoaZzh/QAhuQ451GjmXdvq1MJ9IuUDnA",
            "aHc/S9zNMzqNkqs0quf4AAAABHVuaXQB",
            "-----END OPENSSH PRIVATE KEY-----",
        });
    private const string PublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBuQ451GjmXdvq1MJ9IuUDnAaHc/S9zNMzqNkqs0quf4 unit";
    private static readonly string EncryptedKey = string.Join("\n", new[] {
            "-----BEGIN OPENSSH PRIVATE KEY-----",
            "b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABDBBXkAPT",
            "gm9EbenqAh+UkaAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIOA5+ITS9r0KEOHR",
            "fDvt5Bb2NaYy/bNOp/ZAKIrnANQ/AAAAkHqLGdK34BK5qDYTRccyLN/9BPJAh216xrSG2b",
            "LQUxGXuN+2SEMM2oCnnjgOyiTMhcZn40RGnmI244r/rfOQUU1CsbmSEANCGsSPIp33Hn6u",
            "0lDdY3akaJsR3FrAdryoooNzgZHDBKLEBllrw99LWUrRDKO6pHW3Tt9Cd6/pHzJ/nin1d0",
            "YFsHvPgdh8x4C6FQ==",
            "-----END OPENSSH PRIVATE KEY-----",
        });
    private static readonly string PemKey = string.Join("\n", new[] {
            "-----BEGIN RSA PRIVATE KEY-----",
            "MIICWwIBAAKBgQCcKN/uQiP0EBVf9RuFvxVZIumBbAW/zvsnwBEWlIOeMwyjc7VY",
            "oVASJg3gDHy/alfR7Y477q2+BdEQ3TwQ9reUU14Xmaz5CJbhnnx3dF9bzvLWSh4n",
            "N6DMYPnfcSBApmeffpS0oUcXZBf1OIsNPelDKs2xjcSxXqktt1uyZFmjowIDAQAB",
            "AoGAOPjYqe5Le7GaesXL4sHSIhEQq/0jI9V54Ai8s0Y/tqndRIzkbo97zQNBMKqd",
            "oKBFpftLVyY/EQLCQarVTUMVul/DU6nvwBLtTgz5kEXu8fcTxzc+sqm+5TQMTE3K",
            "WK9TzoFYLnTScOI6+8/DWNRvJXsdJzkDq0LQyCiCaOZj8NECQQDIdRgaEpdJBuAa",
            "pZEpvYzu+Y2+Td3nY7omt62527PYKm/VBkEju9OYUjOr8IeC8FaBsbcgn1KukRBG",
            "goGWJfJ3AkEAx22j5hhQt5px/3FtrIWr8vLxGnNlH/+VHngRMAihLGkxZ+qTIQcJ",
            "7d1KCCBfZv0D7zXzCW8+dIVg28gxzahXNQJAFZjwGNcJ77dK6/QMuNeQWKsQh4Fy",
            "OBz5kHRXxl+Sd+bSl7wNxqDVAmNQ5+SJZSUp3N1d4qjnyqEchMxI0/mQrwJAMK6E",
            "+eAppAghl9eajCi9RrsjO++7WcpMHnn0yCLzJSIwm0tZyxAqzlPchItSfpN46GXl",
            "BAKR3mPItx3xemCDmQJASJXXhEUvi1sT5g36t0B6rGQqi1BLGOlhu7Qw869TI4F+",
            "waXvsp+ZIh5O7FPzwiRsOHyLo+ZHCN5GIFClZjkqrQ==",
            "-----END RSA PRIVATE KEY-----",
        });

    private static readonly DeploymentPaths Paths = new("/repo/deployments/demo");

    [Fact]
    public void Public_half_is_read_from_an_openssh_private_key_like_ssh_keygen_y()
    {
        Assert.Equal(PublicKey, OpenSshPrivateKey.PublicKeyLine(PrivateKey, "unit"));
        Assert.Equal(PublicKey, OpenSshPrivateKey.PublicKeyLine(PrivateKey.Replace("\n", "\r\n") + "\r\n\r\n", "unit"));
    }

    [Theory]
    [InlineData("passphrase")]
    [InlineData("older format")]
    [InlineData("not an OpenSSH private key")]
    public void Unusable_private_keys_are_refused_with_the_reason(string reason)
    {
        var text = reason switch
        {
            "passphrase" => EncryptedKey,
            "older format" => PemKey,
            _ => PublicKey,
        };
        var error = Assert.Throws<FormatException>(() => OpenSshPrivateKey.PublicKeyLine(text, ""));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Login_key_from_the_environment_lives_in_a_private_file_for_the_run_only_and_is_redacted()
    {
        using var temp = new TempDirectory();
        var redactor = new Redactor();
        string dir;
        using (var key = LoginKey.FromText(PrivateKey, "ci", redactor, temp.Path))
        {
            Assert.Equal(PublicKey.Replace(" unit", " ci"), key.PublicKey);
            Assert.Equal(OpenSshPrivateKey.Normalize(PrivateKey), File.ReadAllText(key.PrivateKeyPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key.PrivateKeyPath));
            dir = Path.GetDirectoryName(key.PrivateKeyPath)!;
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir));
            var bodyLine = PrivateKey.Split('\n')[2];
            Assert.Equal("x *** y", redactor.Redact($"x {bodyLine} y"));
        }
        Assert.False(Directory.Exists(dir), "the key's folder is removed at the end of the run");
    }

    [Fact]
    public void No_child_inherits_the_login_key_variable_not_even_terraform()
    {
        var inherited = new[] { "ROUGHNECK_SSH_PRIVATE_KEY", "HCLOUD_TOKEN", "PATH" };

        var terraform = ChildEnvironment.For(new ProcessSpec("terraform", Array.Empty<string>()) { InheritsCloudTokens = true }, inherited);
        var ssh = ChildEnvironment.For(new ProcessSpec("ssh", Array.Empty<string>()), inherited);

        Assert.True(terraform.ContainsKey("ROUGHNECK_SSH_PRIVATE_KEY") && terraform["ROUGHNECK_SSH_PRIVATE_KEY"] is null, "unset for terraform");
        Assert.False(terraform.ContainsKey("HCLOUD_TOKEN"), "positive control: terraform keeps what it inherits otherwise");
        Assert.True(ssh.ContainsKey("ROUGHNECK_SSH_PRIVATE_KEY") && ssh["ROUGHNECK_SSH_PRIVATE_KEY"] is null, "unset for ssh");
    }

    [Fact]
    public void Bad_login_key_in_the_environment_names_the_variable()
    {
        using var temp = new TempDirectory();
        var error = Assert.Throws<InvalidOperationException>(() => LoginKey.FromText(PublicKey, "", new Redactor(), temp.Path));
        Assert.StartsWith("ROUGHNECK_SSH_PRIVATE_KEY is not an OpenSSH private key", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Theory]
    [InlineData("ssh-ed25519 AAAA", "not a ssh-ed25519 key")]
    [InlineData("ssh-dss AAAAB3NzaC1kc3MAAACBAP", "key type 'ssh-dss' is not one of")]
    [InlineData("ssh-ed25519 !!!", "not base64")]
    [InlineData("AAAAC3NzaC1lZDI1NTE5AAAAI", "not an OpenSSH public key line")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY----- x", "is a private key")]
    public void Public_key_lines_are_checked(string line, string fragment)
    {
        Assert.Contains(fragment, PublicKeyLine.Problem(line), StringComparison.Ordinal);
        Assert.Null(PublicKeyLine.Problem(PublicKey));
    }

    [Fact]
    public void A_bad_authorized_key_is_reported_at_its_own_line()
    {
        var error = Problems(Yaml("provider: local", "ssh:", "  authorized_keys:", $"    - {PublicKey}", "    - ssh-ed25519 AAAAnotakey", "  user: dev"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("ssh.authorized_keys", problem.Key);
        Assert.Equal(5, problem.Line);
        Assert.Contains("item 2:", problem.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { PublicKey }, Local("ssh:", "  authorized_keys:", $"    - {PublicKey}").Ssh.AuthorizedKeys);
    }

    [Fact]
    public void Authorized_keys_are_the_spec_list_plus_the_key_in_use_each_once()
    {
        var other = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICmMRSwMWb2GR919ho6urpyeruxx8/0IELpnZoG1Dpqn ops";
        Assert.Equal(new[] { other, PublicKey }, ProvisionStep.AuthorizedKeys(new[] { other }, PublicKey));
        Assert.Equal(new[] { PublicKey }, ProvisionStep.AuthorizedKeys(new[] { PublicKey }, PublicKey.Replace(" unit", " other-comment")));
    }

    [Fact]
    public void State_without_outputs_holds_no_machine()
    {
        Assert.False(DeploymentState.Parse("{}").HasMachine);
        Assert.False(DeploymentState.Parse("").HasMachine);
    }

    [Fact]
    public void State_outputs_give_the_machine_and_the_identity_it_was_created_with()
    {
        static string Output(object value) => JsonSerializer.Serialize(new { value, type = "string", sensitive = false });
        var json = "{" + string.Join(",", new Dictionary<string, string>
        {
            ["address"] = Output("10.222.0.6"), ["port"] = Output(22), ["user"] = Output("dev"), ["host_key_fingerprint"] = Output("SHA256:x"),
            ["server_id"] = Output("rn-0a1b2c3d"), ["region"] = Output("local"), ["size"] = Output("standard"), ["http_proxy"] = Output(""),
            ["roughneck_identity"] = Output(new Dictionary<string, string> { ["host_key_public"] = PublicKey, ["machine_id"] = "rn-0a1b2c3d" }),
        }.Select(kv => $"\"{kv.Key}\":{kv.Value}")) + "}";

        var state = DeploymentState.Parse(json);

        Assert.True(state.HasMachine);
        Assert.Equal("10.222.0.6", state.Machine!.Address);
        Assert.Equal(PublicKey, state.IdentityOf("host_key_public"));
        Assert.Equal("rn-0a1b2c3d", state.IdentityOf("machine_id"));
        Assert.Null(state.IdentityOf("host_address"));
    }

    [Fact]
    public void Root_module_records_the_identity_variables_it_has_in_the_state()
    {
        var text = RootWrapper.Render(Paths.RootModule, "/repo/terraform/providers/local", "local", "pg",
            new[] { "deployment_name", "host_key_public", "machine_id", "host_address", "guest_address", "ssh_public_key" });

        Assert.Contains("output \"roughneck_identity\" {", text, StringComparison.Ordinal);
        foreach (var name in DeploymentState.IdentityVariables) Assert.Contains($"    {name} = var.{name}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("    ssh_public_key = var.ssh_public_key", text, StringComparison.Ordinal);
        Assert.DoesNotContain("required_version", text, StringComparison.Ordinal);
        Assert.Contains("required_version = \">= 1.10\"", RootWrapper.Render(Paths.RootModule, "/x", "hetzner", "s3", new[] { "size" }), StringComparison.Ordinal);
    }

    [Fact]
    public void S3_compatible_store_gets_its_endpoint_path_style_and_no_aws_only_calls()
    {
        var spec = Hetzner("state:", "  backend: s3", "  bucket: team-state", "  region: fsn1", "  endpoint: https://fsn1.your-objectstorage.com");

        var config = RootWrapper.BackendConfig(spec, Paths);

        Assert.Equal("{s3=\"https://fsn1.your-objectstorage.com\"}", config["endpoints"]);
        Assert.Equal("fsn1", config["region"]);
        Assert.Equal("true", config["use_lockfile"]);
        foreach (var skip in new[] { "use_path_style", "skip_credentials_validation", "skip_region_validation", "skip_requesting_account_id", "skip_s3_checksum" })
        {
            Assert.Equal("true", config[skip]);
        }
        Assert.False(config.ContainsKey("encrypt"), "S3-compatible stores refuse or ignore the SSE header");
    }

    [Fact]
    public void S3_state_region_is_independent_of_the_machine_region_and_required_off_aws()
    {
        var error = Problems(Yaml("provider: hetzner", "ssh:", "  allowed_cidrs: [203.0.113.0/24]", "state:", "  backend: s3", "  bucket: b"));
        Assert.Contains(error.Problems, p => p.Key == "state.region" && p.Message.Contains("is required for state.backend s3 when the provider is hetzner", StringComparison.Ordinal));

        var aws = Cloud("aws", "region: eu-central-1", "state:", "  backend: s3", "  bucket: b", "  region: us-east-1");
        Assert.Equal("us-east-1", aws.State.Region);
        Assert.Equal("eu-central-1", aws.Region);
        Assert.Equal("eu-central-1", Cloud("aws", "region: eu-central-1", "state:", "  backend: s3", "  bucket: b").State.Region);
    }

    [Theory]
    [InlineData("state:\n  backend: pg\n  endpoint: https://minio.internal:9000", "is only for state.backend s3")]
    [InlineData("state:\n  backend: s3\n  bucket: b\n  region: us-east-1\n  endpoint: minio.internal", "is not an http(s) URL")]
    public void State_endpoint_is_checked(string yaml, string fragment)
    {
        var error = Problems("provider: local\n" + yaml + "\n");
        Assert.Contains(error.Problems, p => p.Key == "state.endpoint" && p.Message.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void S3_backend_credentials_reach_terraform_only_through_its_environment()
    {
        var spec = Hetzner("state:", "  backend: s3", "  bucket: b", "  region: fsn1", "  endpoint: https://fsn1.your-objectstorage.com");
        var env = Env(("HCLOUD_TOKEN", "h"), ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"), ("AWS_SECRET_ACCESS_KEY", "s3cr3t-value"));

        var passed = Roughneck.Credentials.CloudCredentials.ForTerraform(spec, env);

        Assert.Equal("s3cr3t-value", passed["AWS_SECRET_ACCESS_KEY"]);
        Assert.DoesNotContain(RootWrapper.BackendConfig(spec, Paths).Values, v => v.Contains("s3cr3t", StringComparison.Ordinal));
        var missing = Assert.Throws<InvalidOperationException>(() => Roughneck.Credentials.CloudCredentials.ForTerraform(spec, Env(("HCLOUD_TOKEN", "h"))));
        Assert.Contains("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backend_change_is_seen_in_type_and_in_where_the_state_lives()
    {
        var previous = ("pg", (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["schema_name"] = "roughneck_demo" });

        Assert.Null(BackendGuard.Change(previous, "pg", new Dictionary<string, string> { ["schema_name"] = "roughneck_demo" }));
        Assert.Equal("pg schema_name from 'roughneck_demo' to 'other'", BackendGuard.Change(previous, "pg", new Dictionary<string, string> { ["schema_name"] = "other" }));
        Assert.Equal("from pg to s3", BackendGuard.Change(previous, "s3", new Dictionary<string, string> { ["bucket"] = "b" }));
    }

    [Fact]
    public void Previous_backend_is_read_from_the_data_dir_as_terraform_init_left_it()
    {
        using var temp = new TempDirectory();
        temp.Write("terraform.tfstate", """
            {"version":3,"terraform_version":"1.11.4","backend":{"type":"s3","config":{"bucket":"b","key":"k","endpoints":{"s3":"https://x.example","iam":null},"region":"fsn1"},"hash":1}}
            """);

        var previous = BackendGuard.Previous(temp.Path)!.Value;

        Assert.Equal("s3", previous.Type);
        Assert.Null(BackendGuard.Change(previous, "s3", new Dictionary<string, string> { ["bucket"] = "b", ["key"] = "k", ["endpoints"] = "{s3=\"https://x.example\"}", ["region"] = "fsn1" }));
        Assert.NotNull(BackendGuard.Change(previous, "s3", new Dictionary<string, string> { ["bucket"] = "b", ["key"] = "k2" }));
        Assert.Null(BackendGuard.Previous(temp.Combine("nothing-here")));
    }

    [Fact]
    public void Empty_pulled_state_means_the_backend_has_none_yet()
    {
        Assert.False(EmptyStatePush.Exists(""));
        Assert.False(EmptyStatePush.Exists("{\"version\":4,\"serial\":0,\"lineage\":\"\",\"outputs\":{},\"resources\":[]}"));
        var empty = EmptyStatePush.EmptyState("1.11.4", Guid.Parse("5a8f7c9e-1111-2222-3333-444455556666"));
        Assert.True(EmptyStatePush.Exists(empty));
        Assert.Equal(0, JsonDocument.Parse(empty).RootElement.GetProperty("resources").GetArrayLength());
    }

    [Fact]
    public void State_verbs_build_their_arguments()
    {
        Assert.Equal(new[] { "-chdir=/r", "state", "list", "-no-color" }, new TerraformStateListSettings { WorkingDirectory = "/r" }.ToArguments());
        Assert.Equal(new[] { "-chdir=/r", "state", "pull" }, new TerraformStatePullSettings { WorkingDirectory = "/r" }.ToArguments());
        Assert.Equal(new[] { "-chdir=/r", "state", "push", "-lock-timeout=5s", "/tmp/e.tfstate" },
            new TerraformStatePushSettings { WorkingDirectory = "/r", StateFile = "/tmp/e.tfstate", LockTimeout = "5s" }.ToArguments());
        var migrate = new TerraformInitSettings { WorkingDirectory = "/r", Reconfigure = true, MigrateState = true }.ToArguments();
        Assert.Contains("-migrate-state", migrate);
        Assert.Contains("-force-copy", migrate);
        Assert.DoesNotContain("-reconfigure", migrate);
    }
}
