using System.Text;
using Roughneck.Credentials;
using Xunit;

namespace Roughneck.Tests.Unit.Credentials;

/// <summary>Recipients and identities recognised without running age; the encrypt command line holds public keys only.</summary>
public class AgeKeysTests
{
    private const string Public = "age1um2l80fxw07mm9ll8uqp64rm6pwc9stgc5xw4s8tz2enyga0h4wsz8mqj2";
    private const string SecretKey = "AGE-SECRET-KEY-1QQYF7ZYEMZSUNWFA5R5CD096E975A7HZXL7KR5G25QA5023LQHLQUX7N2T";

    [Fact]
    public void Recipients_file_lists_age_and_ssh_keys_without_comments_or_duplicates()
    {
        var text = $"# mine\n{Public}\n\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK0wmN/Cr3JXqmLW7u+g9pTh+wyqDHpSQEIQczXkVx9q laptop\n{Public}\n";

        var recipients = AgeKeys.ParseRecipients(text, "recipients");

        Assert.Equal(new[] { Public, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK0wmN/Cr3JXqmLW7u+g9pTh+wyqDHpSQEIQczXkVx9q" }, recipients);
    }

    [Fact]
    public void A_secret_key_in_the_recipients_file_is_refused_without_echoing_it()
    {
        var error = Assert.Throws<CredentialStoreException>(() => AgeKeys.ParseRecipients($"{Public}\n{SecretKey}\n", "recipients"));

        Assert.Contains("line 2 holds a secret key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HCLOUD_TOKEN=abc")]
    [InlineData("age1abc extra")]
    [InlineData("-r")]
    public void Anything_else_in_the_recipients_file_is_refused(string line)
    {
        Assert.Throws<CredentialStoreException>(() => AgeKeys.ParseRecipients(line, "recipients"));
    }

    [Fact]
    public void Encrypt_arguments_are_flags_and_public_keys_only()
    {
        var arguments = AgeCli.EncryptArguments(new[] { Public, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK0wmN" });

        Assert.Equal(new[] { "--encrypt", "-r", Public, "-r", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK0wmN" }, arguments);
        Assert.All(arguments, a => Assert.True(a is "--encrypt" or "-r" || AgeKeys.IsRecipient(a), a));
    }

    [Theory]
    [InlineData(SecretKey)]
    [InlineData("hcloudFAKEtoken")]
    [InlineData("")]
    public void Encrypt_arguments_refuse_anything_that_is_not_a_public_key(string recipient)
    {
        var error = Assert.Throws<CredentialStoreException>(() => AgeCli.EncryptArguments(new[] { Public, recipient }));
        if (recipient.Length > 0) Assert.DoesNotContain(recipient, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("age-encryption.org/v1\n-> scrypt abc 18\n", true)]
    [InlineData("-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n", true)]
    [InlineData("# created: 2026-01-01T00:00:00Z\n# public key: " + Public + "\n" + SecretKey + "\n", false)]
    [InlineData(SecretKey + "\n", false)]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\n", false)]
    [InlineData("", false)]
    public void Passphrase_protection_is_recognised_from_the_first_bytes(string content, bool isProtected)
    {
        Assert.Equal(isProtected, AgeKeys.IsPassphraseProtected(Encoding.UTF8.GetBytes(content)));
    }
}
