using Roughneck.Credentials;
using Xunit;

namespace Roughneck.Tests.Unit.Credentials;

/// <summary>The decrypted store's NAME=value format: parsed strictly, written sorted, errors without values.</summary>
public class CredentialFileTests
{
    private const string Secret = "hcloudFAKEsecret0123456789";

    [Fact]
    public void Parses_names_and_values_and_skips_comments_and_blank_lines()
    {
        var values = CredentialFile.Parse("# comment\n\nHCLOUD_TOKEN=" + Secret + "\r\nPG_CONN_STR=postgres://u:p@h/db?a=b\n", "store");

        Assert.Equal(new[] { "HCLOUD_TOKEN", "PG_CONN_STR" }, values.Keys);
        Assert.Equal(Secret, values["HCLOUD_TOKEN"]);
        Assert.Equal("postgres://u:p@h/db?a=b", values["PG_CONN_STR"]); // split at the first '=' only
    }

    [Fact]
    public void Values_keep_their_spaces()
    {
        Assert.Equal(" a b ", CredentialFile.Parse("X= a b \n", "store")["X"]);
    }

    [Theory]
    [InlineData("hcloud_token=" + Secret, 1)]
    [InlineData("# ok\n1TOKEN=" + Secret, 2)]
    [InlineData("HCLOUD-TOKEN=" + Secret, 1)]
    [InlineData(Secret, 1)]
    [InlineData("A=1\n\nB=", 3)]
    [InlineData("A=1\nA=" + Secret, 2)]
    public void Malformed_lines_are_errors_naming_the_line_but_never_the_value(string text, int line)
    {
        var error = Assert.Throws<CredentialStoreException>(() => CredentialFile.Parse(text, "store"));

        Assert.Contains($"line {line}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_is_sorted_one_line_each_and_round_trips()
    {
        var values = new Dictionary<string, string> { ["Z_KEY"] = "z", ["AWS_SECRET_ACCESS_KEY"] = "a/b+c=", ["HCLOUD_TOKEN"] = Secret };

        var text = CredentialFile.Format(values);

        Assert.Equal("AWS_SECRET_ACCESS_KEY=a/b+c=\nHCLOUD_TOKEN=" + Secret + "\nZ_KEY=z\n", text);
        Assert.Equal(values.OrderBy(p => p.Key, StringComparer.Ordinal), CredentialFile.Parse(text, "store"));
    }

    [Theory]
    [InlineData("HCLOUD_TOKEN", true)]
    [InlineData("A", true)]
    [InlineData("AWS_ACCESS_KEY_ID2", true)]
    [InlineData("", false)]
    [InlineData("hcloud_token", false)]
    [InlineData("_TOKEN", false)]
    [InlineData("9TOKEN", false)]
    [InlineData("TOKEN\n", false)]
    [InlineData("A B", false)]
    public void Names_match_upper_case_identifiers(string name, bool valid)
    {
        Assert.Equal(valid, CredentialFile.IsValidName(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("two\nlines")]
    [InlineData("carriage\rreturn")]
    [InlineData("nul\0byte")]
    public void Values_that_would_break_the_format_are_refused(string value)
    {
        Assert.Throws<CredentialStoreException>(() => CredentialFile.Format(new Dictionary<string, string> { ["TOKEN"] = value }));
    }
}
