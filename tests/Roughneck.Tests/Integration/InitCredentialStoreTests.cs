using System.Diagnostics;
using Roughneck.Credentials;
using Roughneck.Processes;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>
/// Init through ./build.sh with the cloud token only in a real age store (no token in the
/// environment): Terraform gets the stored value; a store that cannot be decrypted stops Init with
/// age's error before anything is written.
/// </summary>
[Collection("cli")]
public sealed class InitCredentialStoreTests : IDisposable
{
    private const string KeyId = "AKIAFAKESTORE0123456";
    private const string Secret = "FAKEstoreSECRET/0123456789abcdefghijklmn";
    private readonly TempDeployments _deployments = new();
    private readonly TempDirectory _temp = new();

    private static readonly Dictionary<string, string> NoCloudEnvironment = new()
    {
        ["HCLOUD_TOKEN"] = "", ["DIGITALOCEAN_TOKEN"] = "", ["DIGITALOCEAN_ACCESS_TOKEN"] = "",
        ["AWS_ACCESS_KEY_ID"] = "", ["AWS_SECRET_ACCESS_KEY"] = "", ["AWS_PROFILE"] = "", ["AWS_SESSION_TOKEN"] = "",
    };

    [SkippableFact]
    public void Init_reads_the_token_from_the_store_and_a_decrypt_error_stops_it_before_any_write()
    {
        Requirements.Commands("age", "age-keygen", "terraform", "ssh-keygen", "sha256sum");
        var identity = _temp.Combine("identity.txt");
        Keygen(identity);
        var storeFile = _temp.Combine("store", "credentials.age");
        var storeEnvironment = new Dictionary<string, string> { [AgeStore.FileVariable] = storeFile, [AgeStore.IdentityVariable] = identity, ["HOME"] = _temp.Combine("home") };
        var store = AgeStore.FromEnvironment(storeEnvironment, new Redactor(), new MemoryLog());
        store.Set("AWS_ACCESS_KEY_ID", KeyId);
        store.Set("AWS_SECRET_ACCESS_KEY", Secret);

        _deployments.Add("stored", "provider: aws\nssh:\n  allowed_cidrs: [203.0.113.0/24]\n");
        var shim = TerraformShim.Create(_temp.Path, out var calls);
        var environment = new Dictionary<string, string>(NoCloudEnvironment)
        {
            [AgeStore.FileVariable] = storeFile,
            [AgeStore.IdentityVariable] = identity,
            ["PATH"] = shim + ":" + Environment.GetEnvironmentVariable("PATH"),
        };

        var init = CliRun.Run(_deployments.Dir, environment, TimeSpan.FromMinutes(5), "--target=Init", "--deployment=stored");
        Skip.If(init.ExitCode != 0 && System.Text.RegularExpressions.Regex.IsMatch(init.Output, "Failed to (query|install) (available )?provider"),
            "SKIPPED: terraform init could not fetch the aws provider (no mirror, registry unreachable)");
        Assert.True(init.ExitCode == 0, init.ToString());
        var called = File.ReadAllText(calls);
        Assert.Contains($"init AWS_SECRET_ACCESS_KEY {TerraformShim.Sha256(Secret)}", called);
        Assert.Contains($"init AWS_ACCESS_KEY_ID {TerraformShim.Sha256(KeyId)}", called);
        Assert.DoesNotContain(Secret, init.Output);
        Assert.DoesNotContain(KeyId, init.Output);

        // Another identity cannot decrypt the store: Init stops with age's reason and writes nothing.
        var other = _temp.Combine("other.txt");
        Keygen(other);
        _deployments.Add("locked-out", "provider: aws\nssh:\n  allowed_cidrs: [203.0.113.0/24]\n");
        File.Delete(calls);
        environment[AgeStore.IdentityVariable] = other;
        var refused = CliRun.Run(_deployments.Dir, environment, TimeSpan.FromMinutes(5), "--target=Init", "--deployment=locked-out");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("cannot decrypt " + storeFile, refused.Output);
        Assert.Contains("no identity matched", refused.Output);
        Assert.False(Directory.Exists(_deployments.Work("locked-out")), "Init wrote files although the store could not be read:\n" + refused);
        Assert.False(File.Exists(calls), "terraform ran although the store could not be read");
    }

    private static void Keygen(string file)
    {
        using var process = Process.Start(new ProcessStartInfo("age-keygen", new[] { "-o", file }) { RedirectStandardError = true, UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    public void Dispose()
    {
        _deployments.Dispose();
        _temp.Dispose();
    }
}
