using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>
/// network.extra_ca_certs through the real ./build.sh: each bad file is refused by the spec check,
/// before Terraform or a machine, with file, line and key, a non-zero exit and nothing written.
/// </summary>
[Collection("cli")]
public sealed class ExtraCaCertsInputTests : IDisposable
{
    private readonly TempDeployments _deployments = new();

    private static string Spec(string secondItem) =>
        "provider: local\nssh:\n  user: dev\nnetwork:\n  extra_ca_certs:\n    - corp-ca.pem\n    - " + secondItem + "\n";

    [Theory]
    [InlineData("missing.pem", "'missing.pem' does not exist in the deployment folder")]
    [InlineData("notes.pem", "'notes.pem' is not a PEM certificate")]
    [InlineData("certs", "'certs' is a directory, not a PEM certificate file")]
    [InlineData("../elsewhere/ca.pem", "'../elsewhere/ca.pem' must be a path inside the deployment folder")]
    public void A_bad_certificate_file_names_file_line_and_key_and_writes_nothing(string item, string message)
    {
        var folder = _deployments.Add("cacerts", Spec(item));
        WriteRealCertificate(Path.Combine(folder, "corp-ca.pem"));
        File.WriteAllText(Path.Combine(folder, "notes.pem"), "not a certificate\n");
        Directory.CreateDirectory(Path.Combine(folder, "certs"));
        var elsewhere = Path.Combine(_deployments.Dir, "elsewhere");
        Directory.CreateDirectory(elsewhere);
        WriteRealCertificate(Path.Combine(elsewhere, "ca.pem"));

        var result = CliRun.Run(_deployments.Dir, "--target=Plan", "--deployment=cacerts");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("deployment.yaml:7", result.Output); // the bad item's own line
        Assert.Contains("network.extra_ca_certs", result.Output);
        Assert.Contains(message, result.Output);
        Assert.DoesNotContain("'corp-ca.pem'", result.Output); // the good item is not blamed
        Assert.False(Directory.Exists(_deployments.Work("cacerts")), "nothing may be written for a bad spec:\n" + result);
    }

    [Fact]
    public void A_real_certificate_inside_the_folder_passes_the_same_check()
    {
        var folder = _deployments.Add("cacerts", "provider: local\nssh:\n  user: dev\nnetwork:\n  extra_ca_certs:\n    - corp-ca.pem\n");
        WriteRealCertificate(Path.Combine(folder, "corp-ca.pem"));
        var result = CliRun.Run(_deployments.Dir, "--target=Deploy", "--deployment=cacerts", "--dryrun");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("network.extra_ca_certs", result.Output);
    }

    private static void WriteRealCertificate(string path)
    {
        var key = path + ".key";
        var (exit, output) = ProcessCapture.Run("openssl", Path.GetDirectoryName(path)!,
            "req", "-x509", "-newkey", "ed25519", "-nodes", "-subj", "/CN=roughneck-test-ca", "-days", "1", "-keyout", key, "-out", path);
        Assert.True(exit == 0, output);
        File.Delete(key);
    }

    public void Dispose() => _deployments.Dispose();
}
