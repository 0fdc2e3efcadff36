using Roughneck.Credentials;
using Xunit;
using static Roughneck.Tests.TestSupport.Specs;

namespace Roughneck.Tests.Unit.Credentials;

/// <summary>CloudCredentials.ForTerraform with the local store: environment first, store only for what is missing.</summary>
public class CloudCredentialsStoreTests
{
    private sealed class FakeStore : ICredentialSource
    {
        private readonly Dictionary<string, string> _values;
        public FakeStore(Dictionary<string, string> values, bool exists = true) { _values = values; Exists = exists; }
        public int Reads { get; private set; }
        public bool Exists { get; }
        public string Location => "/home/me/.config/roughneck/credentials.age";
        public IReadOnlyDictionary<string, string> Read() { Reads++; return _values; }
    }

    [Fact]
    public void Environment_token_wins_and_the_store_is_not_opened()
    {
        var store = new FakeStore(Env(("HCLOUD_TOKEN", "stored")));

        var passed = CloudCredentials.ForTerraform(Cloud("hetzner"), Env(("HCLOUD_TOKEN", "from-env")), store);

        Assert.Equal("from-env", passed["HCLOUD_TOKEN"]);
        Assert.Equal(0, store.Reads);
    }

    [Fact]
    public void Missing_token_comes_from_the_store()
    {
        var store = new FakeStore(Env(("HCLOUD_TOKEN", "stored"), ("AWS_SECRET_ACCESS_KEY", "not-for-hetzner")));

        var passed = CloudCredentials.ForTerraform(Cloud("hetzner"), Env(("HCLOUD_TOKEN", "")), store);

        Assert.Equal(Env(("HCLOUD_TOKEN", "stored")), passed);
        Assert.Equal(1, store.Reads);
    }

    [Fact]
    public void Pg_conn_str_from_the_store_and_token_from_the_environment()
    {
        var store = new FakeStore(Env(("HCLOUD_TOKEN", "stored"), ("PG_CONN_STR", "postgres://stored")));

        var passed = CloudCredentials.ForTerraform(Cloud("hetzner", "state:", "  backend: pg"), Env(("HCLOUD_TOKEN", "from-env")), store);

        Assert.Equal("from-env", passed["HCLOUD_TOKEN"]);
        Assert.Equal("postgres://stored", passed["PG_CONN_STR"]);
    }

    [Fact]
    public void No_store_file_means_no_read_and_the_message_points_at_the_store()
    {
        var store = new FakeStore(Env(), exists: false);

        var error = Assert.Throws<InvalidOperationException>(() => CloudCredentials.ForTerraform(Cloud("hetzner"), Env(), store));

        Assert.Equal(0, store.Reads);
        Assert.Contains("--target=Credentials --set=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_from_both_names_the_store()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CloudCredentials.ForTerraform(Cloud("digitalocean"), Env(), new FakeStore(Env(("HCLOUD_TOKEN", "x")))));

        Assert.StartsWith("Init stopped before running Terraform: DIGITALOCEAN_TOKEN", error.Message, StringComparison.Ordinal);
        Assert.Contains("neither the environment nor the credential store", error.Message, StringComparison.Ordinal);
    }
}
