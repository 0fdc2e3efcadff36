using Roughneck.Processes;
using Xunit;

namespace Roughneck.Tests.Unit;

public class RedactorTests
{
    [Fact]
    public void Longest_secret_is_replaced_first()
    {
        var redactor = new Redactor();
        redactor.Add("abcd");
        redactor.Add("abcdefgh");

        Assert.Equal("token *** and ***", redactor.Redact("token abcdefgh and abcd"));
    }

    [Fact]
    public void Every_occurrence_is_replaced()
    {
        var redactor = new Redactor();
        redactor.Add("hc-token-123");

        Assert.Equal("HCLOUD_TOKEN=*** (again: ***)", redactor.Redact("HCLOUD_TOKEN=hc-token-123 (again: hc-token-123)"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    public void Short_or_empty_values_are_ignored(string? secret)
    {
        var redactor = new Redactor();
        redactor.Add(secret);

        Assert.Equal("abc abc", redactor.Redact("abc abc"));
    }

    [Fact]
    public void Matching_is_case_sensitive()
    {
        var redactor = new Redactor();
        redactor.Add("Secret1");

        Assert.Equal("secret1 ***", redactor.Redact("secret1 Secret1"));
    }
}
