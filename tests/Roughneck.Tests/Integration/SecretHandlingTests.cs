using Roughneck.Tests.Integration.Support;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>Cloud tokens reach Terraform's environment only: no file, no output, no command line.</summary>
[Collection("cli")]
public sealed class SecretHandlingTests : IDisposable
{
    private readonly TempDeployments _deployments = new();

    [Theory]
    [InlineData("hetzner", "HCLOUD_TOKEN")]
    [InlineData("digitalocean", "DIGITALOCEAN_TOKEN")]
    [InlineData("aws", "AWS_ACCESS_KEY_ID")]
    public void Missing_token_stops_Init_before_anything_is_written(string provider, string variable)
    {
        _deployments.Add("cloud", $"provider: {provider}\nssh:\n  allowed_cidrs: [203.0.113.0/24]\n");
        var environment = new Dictionary<string, string> { ["HCLOUD_TOKEN"] = "", ["DIGITALOCEAN_TOKEN"] = "", ["DIGITALOCEAN_ACCESS_TOKEN"] = "", ["AWS_ACCESS_KEY_ID"] = "", ["AWS_SECRET_ACCESS_KEY"] = "", ["AWS_PROFILE"] = "" };
        var result = CliRun.Run(_deployments.Dir, environment, TimeSpan.FromMinutes(2), "--target=Init", "--deployment=cloud");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(variable, result.Output);
        Assert.Contains("before running Terraform", result.Output);
        Assert.False(Directory.Exists(_deployments.Work("cloud")), "Init wrote files although the token is missing");
    }

    [SkippableTheory]
    [InlineData("hetzner")]
    [InlineData("aws")]
    [InlineData("digitalocean")]
    public void Planted_tokens_appear_in_no_file_and_no_output(string provider)
    {
        Requirements.Commands("terraform", "ssh-keygen");
        var tokens = new Dictionary<string, string>
        {
            ["HCLOUD_TOKEN"] = "hcloudFAKEtoken0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH",
            ["DIGITALOCEAN_TOKEN"] = "dop_v1_FAKE0123456789abcdef0123456789abcdef0123456789abcdef0123",
            ["AWS_ACCESS_KEY_ID"] = "AKIAFAKE1234567890AB",
            ["AWS_SECRET_ACCESS_KEY"] = "FAKEsecretKEY/0123456789abcdefghijklmnopqr",
        };
        _deployments.Add("cloud", $"provider: {provider}\nssh:\n  allowed_cidrs: [203.0.113.0/24]\n");
        // Plan cannot reach the cloud from here: it fails, after Init and Terraform have seen the tokens.
        var result = CliRun.Run(_deployments.Dir, tokens, TimeSpan.FromMinutes(5), "--target=Plan", "--deployment=cloud");
        Assert.True(Directory.Exists(_deployments.Work("cloud")), "Init did not run:\n" + result);
        foreach (var (name, token) in tokens)
        {
            Assert.False(result.Output.Contains(token, StringComparison.Ordinal), $"{name} appeared in the output");
            foreach (var file in Directory.EnumerateFiles(Path.Combine(_deployments.Dir, "cloud"), "*", SearchOption.AllDirectories))
            {
                var info = new FileInfo(file);
                if (info.Length > 50_000_000) continue; // provider binaries in the data dir
                var text = File.ReadAllText(file);
                Assert.False(text.Contains(token, StringComparison.Ordinal), $"{name} was written to {file}");
            }
        }
        Assert.True(File.Exists(Path.Combine(_deployments.Work("cloud"), "tfvars.json")));
    }

    public void Dispose() => _deployments.Dispose();
}
