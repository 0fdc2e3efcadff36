using Roughneck.Credentials;
using Xunit;
using static Roughneck.Tests.TestSupport.Specs;

namespace Roughneck.Tests.Unit;

/// <summary>CloudCredentials.ForTerraform: the provider's token from the environment, and nothing else.</summary>
public class CloudCredentialsTests
{
    private static readonly Dictionary<string, string> Everything = Env(
        ("HCLOUD_TOKEN", "hc-token"),
        ("DIGITALOCEAN_TOKEN", "do-token"),
        ("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"),
        ("AWS_SECRET_ACCESS_KEY", "aws-secret"),
        ("AWS_PROFILE", "work"),
        ("PG_CONN_STR", "postgres://u:p@db/state"),
        ("GITHUB_TOKEN", "gh-token"),
        ("HOME", "/home/me"));

    [Theory]
    [InlineData("hetzner", "HCLOUD_TOKEN")]
    [InlineData("digitalocean", "DIGITALOCEAN_TOKEN")]
    [InlineData("aws", "AWS_ACCESS_KEY_ID")]
    public void Missing_credentials_name_the_variable(string provider, string variable)
    {
        var error = Assert.Throws<InvalidOperationException>(() => CloudCredentials.ForTerraform(Cloud(provider), Env(("HOME", "/home/me"))));

        Assert.StartsWith("Init stopped before running Terraform: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_token_counts_as_missing()
    {
        Assert.Throws<InvalidOperationException>(() => CloudCredentials.ForTerraform(Cloud("hetzner"), Env(("HCLOUD_TOKEN", ""))));
    }

    [Fact]
    public void Aws_secret_key_without_its_id_is_missing()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CloudCredentials.ForTerraform(Cloud("aws"), Env(("AWS_SECRET_ACCESS_KEY", "s"))));

        Assert.Contains("AWS_PROFILE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aws_profile_alone_is_enough()
    {
        var passed = CloudCredentials.ForTerraform(Cloud("aws"), Env(("AWS_PROFILE", "work")));

        Assert.Equal(Env(("AWS_PROFILE", "work")), passed);
    }

    [Fact]
    public void Digitalocean_access_token_alone_is_enough()
    {
        var passed = CloudCredentials.ForTerraform(Cloud("digitalocean"), Env(("DIGITALOCEAN_ACCESS_TOKEN", "t")));

        Assert.Equal(Env(("DIGITALOCEAN_ACCESS_TOKEN", "t")), passed);
    }

    [Theory]
    [InlineData("hetzner", new[] { "HCLOUD_TOKEN" })]
    [InlineData("digitalocean", new[] { "DIGITALOCEAN_TOKEN" })]
    [InlineData("aws", new[] { "AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_SECRET_ACCESS_KEY" })]
    [InlineData("local", new string[0])]
    public void Only_the_providers_own_variables_are_passed(string provider, string[] expected)
    {
        var spec = provider == "local" ? Local() : Cloud(provider);

        var passed = CloudCredentials.ForTerraform(spec, Everything);

        Assert.Equal(expected, passed.Keys.Order(StringComparer.Ordinal));
        Assert.All(passed, kv => Assert.Equal(Everything[kv.Key], kv.Value));
    }

    [Fact]
    public void Pg_backend_needs_pg_conn_str()
    {
        var spec = Cloud("hetzner", "state:", "  backend: pg");

        var error = Assert.Throws<InvalidOperationException>(() => CloudCredentials.ForTerraform(spec, Env(("HCLOUD_TOKEN", "t"))));

        Assert.Contains("PG_CONN_STR is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pg_backend_passes_pg_conn_str()
    {
        var spec = Cloud("hetzner", "state:", "  backend: pg");

        var passed = CloudCredentials.ForTerraform(spec, Everything);

        Assert.Equal("postgres://u:p@db/state", passed["PG_CONN_STR"]);
        Assert.False(passed.ContainsKey("AWS_PROFILE"));
    }

    [Theory]
    [InlineData("hetzner")]
    [InlineData("digitalocean")]
    [InlineData("aws")]
    public void Every_passed_token_is_redacted(string provider)
    {
        var environment = new Dictionary<string, string>(Everything)
        {
            ["AWS_SESSION_TOKEN"] = "aws-session",
            ["DIGITALOCEAN_ACCESS_TOKEN"] = "do-access",
        };
        var spec = Cloud(provider, "state:", "  backend: pg");
        var passed = CloudCredentials.ForTerraform(spec, environment);
        var session = Roughneck.Targets.Session.Create(Roughneck.Tests.TestSupport.RepoRoot.Path,
            Env(("target", "List")), environment);

        var secrets = passed.Where(kv => CloudCredentials.SecretNames.Contains(kv.Key)).ToList();
        Assert.Contains(secrets, kv => kv.Key == "PG_CONN_STR");
        Assert.True(secrets.Count >= 2, $"{provider}: expected its token and PG_CONN_STR among the passed values");
        foreach (var (name, value) in secrets)
        {
            var line = $"terraform said: {name}={value} (end)";
            Assert.Equal($"terraform said: {name}=*** (end)", session.Redactor.Redact(line));
        }
        // Control: what is not a secret (an account id, a profile name) stays readable.
        foreach (var (name, value) in passed.Where(kv => !CloudCredentials.SecretNames.Contains(kv.Key)))
        {
            Assert.Equal(value, session.Redactor.Redact(value));
        }
    }

    [Fact]
    public void Local_needs_no_credentials()
    {
        Assert.Empty(CloudCredentials.ForTerraform(Local(), new Dictionary<string, string>()));
    }
}
