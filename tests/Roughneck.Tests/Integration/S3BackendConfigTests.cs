using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Roughneck.Deployments;
using Roughneck.Terraform;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;
using static Roughneck.Tests.TestSupport.Specs;

namespace Roughneck.Tests.Integration;

/// <summary>
/// No S3 is reachable here, so the S3-compatible configuration is checked by real terraform init
/// against a closed loopback port: terraform accepts every -backend-config Roughneck builds, asks
/// no AWS service first (no STS, no region check), and goes path-style to the endpoint.
/// </summary>
public sealed class S3BackendConfigTests
{
    [SkippableFact]
    public void Terraform_init_accepts_the_s3_compatible_settings_and_goes_path_style_to_the_endpoint()
    {
        Requirements.Commands("terraform");
        using var temp = new TempDirectory();
        var port = ClosedPort();
        var spec = Hetzner("state:", "  backend: s3", "  bucket: team-state", "  region: fsn1", $"  endpoint: http://127.0.0.1:{port}");
        var root = temp.Write("root/main.tf", "terraform {\n  backend \"s3\" {}\n}\n");
        var init = new TerraformInitSettings
        {
            WorkingDirectory = Path.GetDirectoryName(root)!,
            DataDir = temp.Combine("tf"),
            BackendConfig = RootWrapper.BackendConfig(spec, new DeploymentPaths(temp.Combine("deployments", "demo"))),
            Reconfigure = true,
        };
        var start = new ProcessStartInfo("terraform", init.ToArguments())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in init.ToEnvironment()) start.Environment[key] = value;
        start.Environment["TF_CLI_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "not-a-real-secret";
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        foreach (var name in new[] { "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL" }) start.Environment.Remove(name);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "terraform init hung");
        var output = stdout.Result + stderr.Result;

        Assert.NotEqual(0, process.ExitCode); // nothing listens there
        Assert.Contains($"http://127.0.0.1:{port}/team-state?list-type=2", output, StringComparison.Ordinal); // path-style, at the endpoint
        Assert.Contains("connection refused", output, StringComparison.Ordinal);
        foreach (var refusal in new[] { "Unsupported argument", "Invalid", "sts.", "Invalid region", "No valid credential" })
        {
            Assert.DoesNotContain(refusal, output, StringComparison.Ordinal);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when the listener is disposed
    }
}
