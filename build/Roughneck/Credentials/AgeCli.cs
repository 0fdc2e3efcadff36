using System.Security.Cryptography;
using System.Text;
using CliWrap;
using Roughneck.Processes;

namespace Roughneck.Credentials;

/// <summary>One run of age or age-keygen: program and arguments (flags, paths, public keys only).</summary>
public sealed record AgeCall(string Program, IReadOnlyList<string> Arguments);

/// <summary>
/// Runs the age CLI with plaintext on pipes only: standard input in, standard output into memory.
/// Not through ProcessRunner on purpose: that one logs output lines and redacts them, which
/// would print a decrypted store or turn a stored token into "***" before it is saved again.
/// age asks for an identity's passphrase on the terminal (/dev/tty) itself.
/// </summary>
public sealed class AgeCli
{
    private readonly ILog _log;
    private readonly string _age;
    private readonly string _keygen;

    public AgeCli(ILog log, string age = "age", string keygen = "age-keygen")
    {
        _log = log;
        _age = age;
        _keygen = keygen;
    }

    /// <summary>Every call, before it starts (tests check that no value reaches a command line).</summary>
    public event Action<AgeCall>? Starting;

    public static IReadOnlyList<string> DecryptArguments(string identity, string file) => new[] { "--decrypt", "-i", identity, file };

    /// <summary>Flags and public keys only; anything else is refused before age runs.</summary>
    public static IReadOnlyList<string> EncryptArguments(IReadOnlyList<string> recipients)
    {
        if (recipients.Count == 0) throw new CredentialStoreException("no recipient to encrypt to");
        var arguments = new List<string> { "--encrypt" };
        foreach (var recipient in recipients)
        {
            if (!AgeKeys.IsRecipient(recipient)) throw new CredentialStoreException("refusing to pass something that is not a public key to age -r");
            arguments.Add("-r");
            arguments.Add(recipient);
        }
        return arguments;
    }

    public byte[] Decrypt(string identity, string file) =>
        Run(_age, DecryptArguments(identity, file), null, $"cannot decrypt {file} with the identity {identity}");

    public byte[] Encrypt(IReadOnlyList<string> recipients, byte[] plaintext) =>
        Run(_age, EncryptArguments(recipients), plaintext, "cannot encrypt the credential store");

    /// <summary>The public key(s) of an identity; a passphrase-protected one is opened (prompt) into memory and piped to age-keygen -y.</summary>
    public string PublicKeys(string identity, bool passphraseProtected)
    {
        if (!passphraseProtected)
        {
            return Encoding.UTF8.GetString(Run(_keygen, new[] { "-y", identity }, null, $"cannot read the public key of {identity}"));
        }
        var secret = Run(_age, new[] { "--decrypt", identity }, null, $"cannot open the identity {identity}");
        try
        {
            return Encoding.UTF8.GetString(Run(_keygen, new[] { "-y" }, secret, $"cannot read the public key of {identity}"));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private byte[] Run(string program, IReadOnlyList<string> arguments, byte[]? input, string failure)
    {
        Starting?.Invoke(new AgeCall(program, arguments));
        _log.Detail("$ " + new ProcessSpec(program, arguments).Display);
        using var output = new MemoryStream();
        var errors = new StringBuilder();
        var command = Cli.Wrap(program)
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(ChildEnvironment.For(new ProcessSpec(program, arguments), ChildEnvironment.Current()))
            .WithStandardInputPipe(input is null ? PipeSource.Null : PipeSource.FromBytes(input))
            .WithStandardOutputPipe(PipeTarget.ToStream(output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors));
        // A passphrase prompt waits for a person; a hung age does not wait forever.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        int exitCode;
        try
        {
            exitCode = command.ExecuteAsync(timeout.Token).GetAwaiter().GetResult().ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new CredentialStoreException($"{failure}: {program} is not installed (Debian: apt-get install age; ./build.sh installs it)");
        }
        catch (OperationCanceledException)
        {
            throw new CredentialStoreException($"{failure}: {program} did not finish within 10 minutes");
        }
        var result = output.ToArray();
        CryptographicOperations.ZeroMemory(output.GetBuffer());
        if (exitCode != 0)
        {
            CryptographicOperations.ZeroMemory(result);
            throw new CredentialStoreException($"{failure}: {Reason(errors.ToString(), exitCode)}");
        }
        return result;
    }

    private static string Reason(string stderr, int exitCode)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.Contains("report unexpected or unhelpful errors", StringComparison.Ordinal))
            .ToList();
        return lines.Count == 0 ? $"exit code {exitCode}" : string.Join("; ", lines);
    }
}
