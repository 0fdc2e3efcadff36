using System.Security.Cryptography;
using System.Text;
using Roughneck.Processes;

namespace Roughneck.Credentials;

/// <summary>
/// The developer's local credential store: NAME=value lines encrypted with age to the public
/// key(s) in <c>&lt;store&gt;.recipients</c>, opened with the (passphrase-protected) identity.
/// Plaintext exists in memory and on age's pipes only. A store that cannot be decrypted is an
/// error, never an empty store: a save then changes nothing. Creating it touches no file.
/// </summary>
public sealed class AgeStore : ICredentialSource
{
    public const string FileVariable = "ROUGHNECK_CREDENTIALS_FILE";
    public const string IdentityVariable = "ROUGHNECK_AGE_IDENTITY";

    /// <summary>Stored settings that are not secrets: redacting them would blank ordinary words.</summary>
    private static readonly HashSet<string> NotSecret = new(StringComparer.Ordinal)
    {
        "AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_REGION", "AWS_DEFAULT_REGION",
    };

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly AgeCli _age;
    private readonly Redactor _redactor;
    private readonly ILog _log;
    private IReadOnlyDictionary<string, string>? _read;
    private bool _warned;

    public AgeStore(string? path, string identity, AgeCli age, Redactor redactor, ILog log)
    {
        FilePath = path;
        Identity = identity;
        _age = age;
        _redactor = redactor;
        _log = log;
    }

    /// <summary>
    /// ROUGHNECK_CREDENTIALS_FILE or ~/.config/roughneck/credentials.age (set but empty: no store);
    /// ROUGHNECK_AGE_IDENTITY or ~/.config/roughneck/identity.age.
    /// </summary>
    public static AgeStore FromEnvironment(IReadOnlyDictionary<string, string> environment, Redactor redactor, ILog log, AgeCli? age = null)
    {
        var home = environment.TryGetValue("HOME", out var h) && h.Length > 0 ? h : System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        var config = Path.Combine(home, ".config", "roughneck");
        string? file = environment.TryGetValue(FileVariable, out var f) ? (f.Length == 0 ? null : Path.GetFullPath(f)) : Path.Combine(config, "credentials.age");
        var identity = environment.TryGetValue(IdentityVariable, out var i) && i.Length > 0 ? Path.GetFullPath(i) : Path.Combine(config, "identity.age");
        return new AgeStore(file, identity, age ?? new AgeCli(log), redactor, log);
    }

    /// <summary>The store file; null when turned off (ROUGHNECK_CREDENTIALS_FILE set to empty).</summary>
    public string? FilePath { get; }
    public string Identity { get; }
    public string Location => FilePath ?? "(turned off: ROUGHNECK_CREDENTIALS_FILE is empty)";
    public bool Exists => FilePath is not null && File.Exists(FilePath);
    public string RecipientsFile => Required + ".recipients";
    public string BackupFile => Required + ".bak";
    public string TemporaryFile => Required + ".tmp";
    private string LockFile => Required + ".lock";
    private string Required => FilePath ?? throw new CredentialStoreException($"the credential store is turned off ({FileVariable} is set but empty)");

    /// <summary>Every stored value (decrypted once per run); empty when there is no store file.</summary>
    public IReadOnlyDictionary<string, string> Read() => _read ??= Exists ? DecryptCurrent() : new SortedDictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyList<string> Names() => Read().Keys.Order(StringComparer.Ordinal).ToList();

    public void Set(string name, string value)
    {
        CredentialFile.CheckName(name);
        CredentialFile.CheckValue(name, value);
        _redactor.Add(value);
        Change(values =>
        {
            if (values.TryGetValue(name, out var old) && old == value) return false;
            values[name] = value;
            return true;
        });
    }

    /// <summary>False when the name was not stored (nothing is written then).</summary>
    public bool Remove(string name)
    {
        CredentialFile.CheckName(name);
        return Change(values => values.Remove(name));
    }

    private SortedDictionary<string, string> DecryptCurrent()
    {
        CheckIdentity();
        var plaintext = _age.Decrypt(Identity, Required);
        try
        {
            var values = CredentialFile.Parse(Encoding.UTF8.GetString(plaintext), "the decrypted credential store " + Required);
            foreach (var (name, value) in values)
            {
                if (!NotSecret.Contains(name)) _redactor.Add(value);
            }
            return values;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Decrypt (fails → nothing touched), change, encrypt from memory, write .tmp 0600, keep .bak, rename.</summary>
    private bool Change(Func<SortedDictionary<string, string>, bool> change)
    {
        var store = Required;
        var folder = Path.GetDirectoryName(store)!;
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        using var guard = TakeLock();
        var values = File.Exists(store) ? DecryptCurrent() : new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!change(values))
        {
            _read = values;
            return false;
        }
        var recipients = Recipients();
        var plaintext = Encoding.UTF8.GetBytes(CredentialFile.Format(values));
        byte[] ciphertext;
        try
        {
            ciphertext = _age.Encrypt(recipients, plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
        try
        {
            WriteOwnerOnly(TemporaryFile, ciphertext);
            if (File.Exists(store))
            {
                File.Copy(store, BackupFile + ".tmp", overwrite: true);
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(BackupFile + ".tmp", OwnerOnly);
                File.Move(BackupFile + ".tmp", BackupFile, overwrite: true);
            }
            File.Move(TemporaryFile, store, overwrite: true);
        }
        finally
        {
            File.Delete(TemporaryFile);
            File.Delete(BackupFile + ".tmp");
        }
        _read = values;
        return true;
    }

    /// <summary>The recipients file beside the store; made from the identity's public key when missing.</summary>
    private IReadOnlyList<string> Recipients()
    {
        if (File.Exists(RecipientsFile))
        {
            var listed = AgeKeys.ParseRecipients(File.ReadAllText(RecipientsFile), RecipientsFile);
            return listed.Count > 0 ? listed : throw new CredentialStoreException($"{RecipientsFile} lists no public key");
        }
        var isProtected = CheckIdentity();
        var keys = AgeKeys.ParseRecipients(_age.PublicKeys(Identity, isProtected), "the public key of " + Identity);
        if (keys.Count == 0) throw new CredentialStoreException($"no public key found in {Identity}");
        WriteOwnerOnly(RecipientsFile, Encoding.UTF8.GetBytes(
            "# Public keys the credential store is encrypted to, one a line (add another machine's age1… key here).\n" + string.Join("\n", keys) + "\n"));
        _log.Info($"Credentials: the store is encrypted to {AgeKeys.Describe(keys)} (listed in {RecipientsFile})");
        return keys;
    }

    /// <summary>The identity must exist; a plain one works but is warned about. True when passphrase-protected.</summary>
    private bool CheckIdentity()
    {
        if (!File.Exists(Identity))
        {
            throw new CredentialStoreException($"no age identity at {Identity} ({IdentityVariable}): create a passphrase-protected one with "
                + $"'age-keygen | age -p -o {Identity}' (see docs/credentials.md)");
        }
        var isProtected = AgeKeys.IsPassphraseProtected(Identity);
        if (!isProtected && !_warned)
        {
            _warned = true;
            _log.Warn($"the age identity {Identity} is not passphrase-protected: anyone who can read it can read the credential store; "
                + $"protect it: age -p -o {Identity}.new {Identity} && mv {Identity}.new {Identity}");
        }
        return isProtected;
    }

    private FileStream TakeLock()
    {
        try
        {
            return new FileStream(LockFile, Options(FileMode.OpenOrCreate, FileAccess.ReadWrite));
        }
        catch (IOException)
        {
            throw new CredentialStoreException($"another run is changing the credential store {Required}; try again when it has finished");
        }
    }

    private static void WriteOwnerOnly(string path, byte[] content)
    {
        File.Delete(path); // created afresh, so it is 0600 from its first byte
        using (var stream = new FileStream(path, Options(FileMode.CreateNew, FileAccess.Write)))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
    }

    private static FileStreamOptions Options(FileMode mode, FileAccess access)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        return options;
    }
}
