using System.Text.RegularExpressions;
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
        Requirements.Commands("terraform", "ssh-keygen", "sha256sum");
        var tokens = new Dictionary<string, string>
        {
            ["HCLOUD_TOKEN"] = "hcloudFAKEtoken0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH",
            ["DIGITALOCEAN_TOKEN"] = "dop_v1_FAKE0123456789abcdef0123456789abcdef0123456789abcdef0123",
            ["AWS_ACCESS_KEY_ID"] = "AKIAFAKE1234567890AB",
            ["AWS_SECRET_ACCESS_KEY"] = "FAKEsecretKEY/0123456789abcdefghijklmnopqr",
        };
        var own = provider switch
        {
            "hetzner" => new[] { "HCLOUD_TOKEN" },
            "digitalocean" => new[] { "DIGITALOCEAN_TOKEN" },
            _ => new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY" },
        };
        _deployments.Add("cloud", $"provider: {provider}\nssh:\n  allowed_cidrs: [203.0.113.0/24]\n");
        var shim = TerraformShim.Create(Path.GetDirectoryName(_deployments.Dir)!, out var calls);
        var environment = new Dictionary<string, string>(tokens) { ["PATH"] = shim + ":" + Environment.GetEnvironmentVariable("PATH") };

        // Plan cannot succeed with fake tokens (no cloud answers them): it fails after Init, with Terraform holding the tokens.
        // Where Terraform cannot get this provider at all (hcloud and digitalocean on a machine that reaches
        // neither a mirror nor the registry), the run stops in terraform init instead: the same tokens must
        // then have reached init, and leaked nowhere on that failure path either.
        var result = CliRun.Run(_deployments.Dir, environment, TimeSpan.FromMinutes(5), "--target=Plan", "--deployment=cloud");
        var called = File.Exists(calls) ? File.ReadAllText(calls) : "";
        var providerUnreachable = !called.Contains("call plan ", StringComparison.Ordinal)
            && Regex.IsMatch(result.Output, "Failed to (query|install) (available )?provider");
        var step = providerUnreachable ? "init" : "plan";
        Assert.NotEqual(0, result.ExitCode);
        Assert.True(called.Contains($"call {step} ", StringComparison.Ordinal), $"terraform {step} never ran, so no token reached it:\n" + called + "\n" + result);
        if (providerUnreachable)
        {
            Assert.Contains(provider == "hetzner" ? "hcloud" : provider, result.Output, StringComparison.Ordinal);
        }

        // Positive control: Terraform's environment held this provider's tokens, exactly (hashes, not values, were recorded).
        foreach (var name in own)
        {
            Assert.Contains($"{step} {name} {TerraformShim.Sha256(tokens[name])}", called);
        }
        var leaks = Leaks(tokens, result.Output, _deployments.Dir);
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));

        // Control: the scan finds a token where one is.
        var planted = Path.Combine(_deployments.Work("cloud"), "planted-control.txt");
        File.WriteAllText(planted, "x " + tokens[own[0]] + " x");
        Assert.Contains(Leaks(tokens, "", _deployments.Dir), l => l.Contains("planted-control.txt", StringComparison.Ordinal));
        Assert.NotEmpty(Leaks(tokens, "out: " + tokens[own[0]], Path.GetTempPath() + "/nonexistent-" + Guid.NewGuid()));
        File.Delete(planted);
        // The scan covered what Init generated: tfvars.json once Init got through, the root module when
        // terraform init itself stopped.
        var generated = Path.Combine(_deployments.Work("cloud"), providerUnreachable ? Path.Combine("root", "main.tf") : "tfvars.json");
        Assert.True(File.Exists(generated), generated + " was not written, so the scan saw nothing Init generated");
    }

    /// <summary>Every place a token appears: the output, and any file under dir (provider binaries aside).</summary>
    private static List<string> Leaks(IReadOnlyDictionary<string, string> tokens, string output, string dir)
    {
        var leaks = new List<string>();
        var files = Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Where(f => new FileInfo(f).Length <= 50_000_000).ToList()
            : new List<string>();
        foreach (var (name, token) in tokens)
        {
            if (output.Contains(token, StringComparison.Ordinal)) leaks.Add($"{name} appeared in the output");
            leaks.AddRange(files.Where(f => File.ReadAllText(f).Contains(token, StringComparison.Ordinal)).Select(f => $"{name} was written to {f}"));
        }
        return leaks;
    }

    public void Dispose() => _deployments.Dispose();
}
