using System.Collections.Concurrent;
using System.Diagnostics;
using Roughneck.Credentials;
using Roughneck.Processes;
using Roughneck.Targets;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>
/// The age store with the real age binary: a plain identity made by age-keygen in a temp folder
/// (the tool warns about it), store and identity chosen by ROUGHNECK_CREDENTIALS_FILE and
/// ROUGHNECK_AGE_IDENTITY. Plaintext never reaches a file or a command line.
/// </summary>
public sealed class CredentialStoreTests : IDisposable
{
    private const string Hcloud = "hcloudFAKEtoken0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH";
    private const string Pg = "postgres://roughneck:FAKEpassw0rd@db.example/state";
    private readonly TempDirectory _temp = new();
    private readonly MemoryLog _log = new();
    private readonly Redactor _redactor = new();
    private readonly List<AgeCall> _calls = new();
    private readonly ConcurrentBag<string> _seen = new();
    private readonly FileSystemWatcher? _watcher;

    public CredentialStoreTests()
    {
        if (!LocalPrerequisites.OnPath("age") || !LocalPrerequisites.OnPath("age-keygen")) return;
        Keygen(_temp.Combine("identity.txt"));
        // Every name that appears in the folder, however briefly (plaintext would show up here).
        _watcher = new FileSystemWatcher(_temp.Path) { IncludeSubdirectories = true, EnableRaisingEvents = true };
        _watcher.Created += (_, e) => _seen.Add(e.Name ?? "");
        _watcher.Renamed += (_, e) => _seen.Add(e.Name ?? "");
    }

    private string StoreFile => _temp.Combine("store", "credentials.age");

    private AgeStore Store(string? identity = null)
    {
        var environment = new Dictionary<string, string>
        {
            [AgeStore.FileVariable] = StoreFile,
            [AgeStore.IdentityVariable] = identity ?? _temp.Combine("identity.txt"),
            ["HOME"] = _temp.Combine("home"),
        };
        var age = new AgeCli(_log);
        age.Starting += call => { lock (_calls) _calls.Add(call); };
        return AgeStore.FromEnvironment(environment, _redactor, _log, age);
    }

    private static void Keygen(string file)
    {
        using var process = Process.Start(new ProcessStartInfo("age-keygen", new[] { "-o", file }) { RedirectStandardError = true, UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private static void NeedsAge() => Skip.If(!LocalPrerequisites.OnPath("age") || !LocalPrerequisites.OnPath("age-keygen"), "SKIPPED: needs age (apt-get install age)");

    [SkippableFact]
    public void Set_list_read_back_and_remove()
    {
        NeedsAge();
        var store = Store();
        Assert.False(store.Exists);
        Assert.Empty(store.Read());

        store.Set("HCLOUD_TOKEN", Hcloud);
        store.Set("PG_CONN_STR", Pg);

        Assert.True(File.Exists(StoreFile));
        Assert.True(File.Exists(StoreFile + ".recipients"));
        Assert.True(File.Exists(StoreFile + ".bak"), "the first version was not kept as .bak");
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(StoreFile));
        var fresh = Store(); // a new run decrypts from disk
        Assert.Equal(new[] { "HCLOUD_TOKEN", "PG_CONN_STR" }, fresh.Names());
        Assert.Equal(Hcloud, fresh.Read()["HCLOUD_TOKEN"]);
        Assert.Equal(Pg, fresh.Read()["PG_CONN_STR"]);
        Assert.Equal("***", _redactor.Redact(Hcloud)); // read values are redacted from every log line
        Assert.Contains("not passphrase-protected", _log.Text, StringComparison.Ordinal);

        Assert.True(fresh.Remove("PG_CONN_STR"));
        Assert.False(fresh.Remove("PG_CONN_STR"));
        Assert.Equal(new[] { "HCLOUD_TOKEN" }, Store().Names());
        Assert.Equal(new[] { "HCLOUD_TOKEN", "PG_CONN_STR" }, Decrypt(StoreFile + ".bak").Keys); // previous version
        AssertNoPlaintextAnywhere();
    }

    [SkippableFact]
    public void The_step_lists_names_only_and_takes_the_value_from_input()
    {
        NeedsAge();
        var environment = new Dictionary<string, string> { ["HCLOUD_TOKEN"] = "env-wins" };
        CredentialsStep.Execute(Store(), new CredentialCommand(false, "HCLOUD_TOKEN", null), environment, _log, _ => Hcloud);
        CredentialsStep.Execute(Store(), new CredentialCommand(false, "DIGITALOCEAN_TOKEN", null), environment, _log, _ => "dop_v1_FAKE0123456789");
        _log.Lines.Clear();

        CredentialsStep.Execute(Store(), new CredentialCommand(true, null, null), environment, _log, _ => throw new InvalidOperationException());

        Assert.Contains("  DIGITALOCEAN_TOKEN", _log.Lines);
        Assert.Contains("  HCLOUD_TOKEN  (also set in the environment, which wins)", _log.Lines);
        Assert.DoesNotContain(Hcloud, _log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("dop_v1_FAKE", _log.Text, StringComparison.Ordinal);
        Assert.Throws<CredentialStoreException>(() =>
            CredentialsStep.Execute(Store(), new CredentialCommand(false, "HCLOUD_TOKEN", null), environment, _log, _ => ""));
        AssertNoPlaintextAnywhere();
    }

    [SkippableFact]
    public void Corrupted_ciphertext_is_a_clear_error_and_nothing_is_overwritten()
    {
        NeedsAge();
        Store().Set("HCLOUD_TOKEN", Hcloud);
        Store().Set("PG_CONN_STR", Pg);
        var bytes = File.ReadAllBytes(StoreFile);
        bytes[^20] ^= 0x55; // flip bits in the payload: authentication fails
        File.WriteAllBytes(StoreFile, bytes);
        var backup = File.ReadAllBytes(StoreFile + ".bak");

        var read = Assert.Throws<CredentialStoreException>(() => Store().Read());
        var save = Assert.Throws<CredentialStoreException>(() => Store().Set("DIGITALOCEAN_TOKEN", "dop_v1_FAKE0123456789"));
        var remove = Assert.Throws<CredentialStoreException>(() => Store().Remove("HCLOUD_TOKEN"));

        foreach (var error in new[] { read, save, remove })
        {
            Assert.Contains("cannot decrypt " + StoreFile, error.Message, StringComparison.Ordinal);
            Assert.Contains("age: error:", error.Message, StringComparison.Ordinal);
        }
        Assert.Equal(bytes, File.ReadAllBytes(StoreFile));
        Assert.Equal(backup, File.ReadAllBytes(StoreFile + ".bak"));
        Assert.False(File.Exists(StoreFile + ".tmp"));
        AssertNoPlaintextAnywhere();
    }

    [SkippableFact]
    public void Another_identity_cannot_open_the_store_and_cannot_empty_it()
    {
        NeedsAge();
        Store().Set("HCLOUD_TOKEN", Hcloud);
        var before = File.ReadAllBytes(StoreFile);
        var other = _temp.Combine("other.txt");
        Keygen(other);

        var error = Assert.Throws<CredentialStoreException>(() => Store(other).Set("PG_CONN_STR", Pg));

        Assert.Contains("no identity matched", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(StoreFile));
        Assert.Equal(Hcloud, Store().Read()["HCLOUD_TOKEN"]);
    }

    [SkippableFact]
    public void A_missing_identity_says_how_to_create_one()
    {
        NeedsAge();
        Store().Set("HCLOUD_TOKEN", Hcloud);

        var error = Assert.Throws<CredentialStoreException>(() => Store(_temp.Combine("none.age")).Read());

        Assert.Contains("age-keygen | age -p -o", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Values_never_reach_a_command_line()
    {
        NeedsAge();
        var store = Store();
        store.Set("HCLOUD_TOKEN", Hcloud);
        store.Set("PG_CONN_STR", Pg);
        Store().Read();
        store.Remove("HCLOUD_TOKEN");

        Assert.Contains(_calls, c => c.Arguments.Contains("--encrypt"));
        Assert.Contains(_calls, c => c.Arguments.Contains("--decrypt"));
        foreach (var call in _calls)
        {
            Assert.DoesNotContain(call.Arguments, a => a.Contains(Hcloud, StringComparison.Ordinal) || a.Contains(Pg, StringComparison.Ordinal));
            if (call.Arguments.Contains("--encrypt"))
            {
                Assert.All(call.Arguments, a => Assert.True(a is "--encrypt" or "-r" || AgeKeys.IsRecipient(a), $"unexpected encrypt argument {a}"));
            }
        }
    }

    private IReadOnlyDictionary<string, string> Decrypt(string file)
    {
        var plaintext = new AgeCli(_log).Decrypt(_temp.Combine("identity.txt"), file);
        return CredentialFile.Parse(System.Text.Encoding.UTF8.GetString(plaintext), file);
    }

    /// <summary>Only the expected names ever appeared, and no file holds a value.</summary>
    private void AssertNoPlaintextAnywhere()
    {
        Thread.Sleep(200); // let the watcher deliver its events
        var allowed = new[] { "identity.txt", "other.txt", "store", "credentials.age", "credentials.age.tmp", "credentials.age.bak",
            "credentials.age.bak.tmp", "credentials.age.recipients", "credentials.age.lock" };
        foreach (var name in _seen)
        {
            Assert.Contains(Path.GetFileName(name), allowed);
        }
        foreach (var file in Directory.EnumerateFiles(_temp.Path, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.False(text.Contains(Hcloud, StringComparison.Ordinal) || text.Contains(Pg, StringComparison.Ordinal) || text.Contains("HCLOUD_TOKEN", StringComparison.Ordinal),
                $"plaintext in {file}");
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _temp.Dispose();
    }
}
