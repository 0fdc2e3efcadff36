using Roughneck.Credentials;
using Xunit;

namespace Roughneck.Tests.Unit.Credentials;

/// <summary>Environment first (CI, one-off overrides); the store only for what the environment lacks.</summary>
public class CredentialMergeTests
{
    private sealed class FakeStore : ICredentialSource
    {
        private readonly Dictionary<string, string>? _values;
        public FakeStore(Dictionary<string, string>? values) => _values = values;
        public int Reads { get; private set; }
        public bool Exists => _values is not null;
        public string Location => "/fake/credentials.age";
        public IReadOnlyDictionary<string, string> Read()
        {
            Reads++;
            return _values ?? throw new InvalidOperationException("read although it does not exist");
        }
    }

    private static readonly Func<IReadOnlyDictionary<string, string>, bool> HasHcloud =
        env => env.TryGetValue("HCLOUD_TOKEN", out var v) && v.Length > 0;

    private static Dictionary<string, string> Env(params (string Name, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);

    [Fact]
    public void Environment_wins_over_the_store()
    {
        var merged = CredentialMerge.Merge(Env(("HCLOUD_TOKEN", "from-env")), Env(("HCLOUD_TOKEN", "from-store"), ("PG_CONN_STR", "pg-store")));

        Assert.Equal("from-env", merged["HCLOUD_TOKEN"]);
        Assert.Equal("pg-store", merged["PG_CONN_STR"]);
    }

    [Fact]
    public void An_empty_environment_value_counts_as_missing()
    {
        var merged = CredentialMerge.Merge(Env(("HCLOUD_TOKEN", "")), Env(("HCLOUD_TOKEN", "from-store")));

        Assert.Equal("from-store", merged["HCLOUD_TOKEN"]);
    }

    [Fact]
    public void The_store_is_not_read_when_the_environment_is_enough()
    {
        var store = new FakeStore(Env(("HCLOUD_TOKEN", "from-store")));
        var env = Env(("HCLOUD_TOKEN", "from-env"));

        var result = CredentialMerge.Complete(env, HasHcloud, store);

        Assert.Same(env, result);
        Assert.Equal(0, store.Reads);
    }

    [Fact]
    public void Without_a_store_file_nothing_is_read_and_the_environment_is_returned_as_is()
    {
        var store = new FakeStore(null);
        var env = Env(("PATH", "/usr/bin"));

        Assert.Same(env, CredentialMerge.Complete(env, HasHcloud, store));
        Assert.Same(env, CredentialMerge.Complete(env, HasHcloud, null));
    }

    [Fact]
    public void A_missing_token_is_taken_from_the_store_and_other_variables_stay()
    {
        var store = new FakeStore(Env(("HCLOUD_TOKEN", "from-store"), ("PATH", "/store/path")));

        var result = CredentialMerge.Complete(Env(("PATH", "/usr/bin")), HasHcloud, store);

        Assert.Equal(1, store.Reads);
        Assert.Equal("from-store", result["HCLOUD_TOKEN"]);
        Assert.Equal("/usr/bin", result["PATH"]);
    }
}
