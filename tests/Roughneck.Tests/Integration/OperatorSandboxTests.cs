using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Roughneck.Tests.Integration;

/// <summary>
/// List --live and Tunnel against real sandboxes: one running, one powered off from inside.
/// Apply is enough: both need a machine with the pinned host key and the login key, not the roles.
/// </summary>
[Collection("sandbox")]
public sealed class OperatorSandboxTests : SandboxTest
{

    public OperatorSandboxTests(ITestOutputHelper log) : base(log) { }

    /// <summary>Runs a command on the machine with the ssh command the Ssh target prints (pinned key).</summary>
    private (int Exit, string Output) OnMachine(string name, string command)
    {
        var print = Run("--target=Ssh", "--deployment=" + name, "--print");
        Assert.True(print.ExitCode == 0, print.ToString());
        var ssh = print.Output.Split('\n').First(l => l.StartsWith("ssh ", StringComparison.Ordinal));
        return ProcessCapture.Run("bash", RepoRoot.Path, "-c", ssh.Replace("ssh ", "ssh -o BatchMode=yes ") + " -- " + command);
    }

    [SkippableFact]
    public void List_live_tells_a_running_sandbox_from_a_stopped_one_and_Tunnel_reaches_a_port_on_it()
    {
        Requirements.LocalSandbox();
        Deployments.Add("op-up", TempDeployments.LocalSpec("code_server"));
        Deployments.Add("op-down", TempDeployments.LocalSpec());
        Run("--target=Help"); // builds the library and Cake's script cache once, before two runs start together
        using (var up = CliRun.Start(Deployments.Dir, null, "--target=Apply", "--deployment=op-up"))
        using (var down = CliRun.Start(Deployments.Dir, null, "--target=Apply", "--deployment=op-down"))
        {
            var upResult = up.Wait(Long);
            var downResult = down.Wait(Long);
            Assert.True(upResult.ExitCode == 0, upResult.ToString());
            Assert.True(downResult.ExitCode == 0, downResult.ToString());
        }

        // Positive control first: both answer while both run.
        var bothUp = LiveRows();
        Assert.True(bothUp["op-down"].GetProperty("live").GetProperty("reachable").GetBoolean(), "op-down must answer before it is stopped");

        Assert.True(Directory.Exists(VethOf("op-down")), "positive control: the running sandbox's veth is seen");
        var (powerExit, powerOutput) = OnMachine("op-down", "sudo -n systemctl poweroff");
        Log.WriteLine($"poweroff -> exit {powerExit}: {powerOutput}");
        Assert.True(powerExit is 0 or 255, powerOutput); // 255: the machine closed the connection first
        WaitUntilClosed("op-down");

        var rows = LiveRows();
        var running = rows["op-up"].GetProperty("live");
        Assert.True(running.GetProperty("reachable").GetBoolean(), running.ToString());
        Assert.True(running.GetProperty("uptime_seconds").GetInt64() >= 0);
        Assert.Matches(@"^\d+\.\d+ \d+\.\d+ \d+\.\d+$", running.GetProperty("load").GetString());
        Assert.Equal("not installed", running.GetProperty("gastown_daemon").GetString());
        var stopped = rows["op-down"].GetProperty("live");
        Assert.False(stopped.GetProperty("reachable").GetBoolean(), stopped.ToString());
        Assert.False(string.IsNullOrEmpty(stopped.GetProperty("error").GetString()));

        var text = Run("--target=List", "--live");
        Assert.Matches(@"op-up .* up .*, load .*, gastown not installed", text.Output);
        Assert.Matches(@"op-down .* unreachable", text.Output);

        // The default List stays offline: no probe, no live fields.
        var offline = Run("--target=List", "--json");
        Assert.True(offline.ExitCode == 0, offline.ToString());
        Assert.DoesNotContain("\"live\"", offline.Output);

        // Tunnel: a listener on the machine's loopback at code-server's port, reached from here.
        var token = Guid.NewGuid().ToString("N");
        var (exit, output) = OnMachine("op-up",
            $"'mkdir -p /tmp/tunnel && echo {token} > /tmp/tunnel/probe.txt && (setsid python3 -m http.server 10080 --bind 127.0.0.1 --directory /tmp/tunnel >/dev/null 2>&1 &) && sleep 1'");
        Assert.True(exit == 0, output);
        var print = Run("--target=Tunnel", "--deployment=op-up", "--print", "--port=18123");
        Assert.Contains("-L 127.0.0.1:18123:127.0.0.1:10080", print.Output);
        Assert.Contains("StrictHostKeyChecking=yes", print.Output);

        var port = FreePort();
        using var tunnel = CliRun.Start(Deployments.Dir, null, "--target=Tunnel", "--deployment=op-up", "--port=" + port);
        Assert.True(tunnel.WaitFor($"http://127.0.0.1:{port}/", TimeSpan.FromMinutes(3)), tunnel.Output);
        Assert.Contains("grep password: .config/code-server/config.yaml", tunnel.Output);
        string? body = null;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 40 && body is null; attempt++)
        {
            try { body = http.GetStringAsync($"http://127.0.0.1:{port}/probe.txt").GetAwaiter().GetResult(); }
            catch (HttpRequestException) { Thread.Sleep(500); }
        }
        tunnel.KillGroup();
        Assert.Equal(token, body?.Trim());
    }

    private Dictionary<string, JsonElement> LiveRows()
    {
        var result = Run("--target=List", "--live", "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Output[result.Output.IndexOf('[')..(result.Output.LastIndexOf(']') + 1)];
        return JsonDocument.Parse(json).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.Clone());
    }

    /// <summary>
    /// Waits until the sandbox's host-side veth (named after the machine) is gone: the container has
    /// stopped. A TCP probe cannot tell: with the veth gone the address routes to the default
    /// gateway, and a network that accepts every connection there would look like a live sshd.
    /// </summary>
    private void WaitUntilClosed(string name)
    {
        var veth = VethOf(name);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (!Directory.Exists(veth)) return;
            Thread.Sleep(500);
        }
        throw new TimeoutException($"{name}'s veth {veth} is still there 3 minutes after poweroff");
    }

    private string VethOf(string name)
    {
        var outputs = JsonDocument.Parse(File.ReadAllText(Path.Combine(Deployments.Work(name), "outputs.json"))).RootElement;
        return Path.Combine("/sys/class/net", outputs.GetProperty("ServerId").GetString()!);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
