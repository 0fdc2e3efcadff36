using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Roughneck.Deployments;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Roughneck.Tests.Integration;

/// <summary>
/// The local sandbox is a boundary: its root is an unprivileged host uid, it reaches no host
/// service but its proxy, and the proxy reaches no local address, whatever name it is given.
/// </summary>
[Collection("sandbox")]
public sealed class SandboxBoundaryTests : SandboxTest
{
    private static readonly string[] SandboxChecks =
    {
        "sandbox root is not root on the host", "sandbox reaches only its proxy on the host", "sandbox proxy refuses local destinations",
        "cloud metadata closed to users and containers",
    };


    public SandboxBoundaryTests(ITestOutputHelper log) : base(log) { }

    [SkippableFact]
    public void Guest_reaches_nothing_on_the_host_but_its_proxy_and_its_root_is_unprivileged()
    {
        Requirements.LocalSandbox();
        // The metadata guard is for Hetzner and DigitalOcean; here it is turned on to prove it works
        // (no C toolchain: nothing here builds, and it halves the provisioning).
        Deployments.Add("boundary", TempDeployments.LocalSpec()
            + "ansible:\n  vars:\n    common_metadata_guard: true\n    common_build_essential: false\n");

        var deploy = Run("--target=Deploy", "--deployment=boundary");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        var machine = Deployments.MachineId("boundary");
        Assert.DoesNotContain("WARNING: no", deploy.Output, StringComparison.Ordinal);
        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(Deployments.Work("boundary"), "reports", "validate.json"))).RootElement;
        var statuses = report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        foreach (var name in SandboxChecks) Assert.Equal("pass", statuses[name]);

        // Root of the container is the first uid of its range on the host, and no container process runs as host root.
        var uids = ContainerUids(machine);
        Assert.NotEmpty(uids);
        Assert.All(uids, uid => Assert.True(uid >= 524288, $"a container process runs as host uid {uid}"));
        Assert.True(HostResidue.NftTableExists(machine), "the sandbox's nftables table exists while it runs");

        // Host services the guest must not reach: one on loopback, one on every address.
        using var loopback = Listen(IPAddress.Loopback);
        using var everywhere = Listen(IPAddress.Any);
        var outputs = JsonDocument.Parse(File.ReadAllText(Path.Combine(Deployments.Work("boundary"), "outputs.json"))).RootElement;
        var proxy = new Uri(outputs.GetProperty("HttpProxy").GetString()!);
        var loopPort = ((IPEndPoint)loopback.LocalEndpoint).Port;
        var anyPort = ((IPEndPoint)everywhere.LocalEndpoint).Port;
        var script = string.Join("\n",
            "ask() { exec 3<>/dev/tcp/" + proxy.Host + "/" + proxy.Port + " || return 1; t=${2#*://}; printf '%s %s HTTP/1.1\\r\\nHost: %s\\r\\nConnection: close\\r\\n\\r\\n' \"$1\" \"$2\" \"${t%%/*}\" >&3; IFS= read -r -t 5 l <&3; exec 3<&-; echo \"$1 $2 => ${l%$'\\r'}\"; }",
            $"ask GET http://127.0.0.1:{loopPort}/",
            $"ask GET http://localhost:{loopPort}/",
            $"ask GET http://{proxy.Host}:{anyPort}/",
            $"timeout 2 bash -c 'exec 3<>/dev/tcp/{proxy.Host}/{anyPort}'; echo \"direct {anyPort} exit $?\"",
            "ask GET \"$(sed -n 's|^URIs: *||p' /etc/apt/sources.list.d/debian.sources | head -n 1)/\" || true");
        var (exit, text) = Guest(script);
        Log.WriteLine(text);
        Assert.True(exit == 0, text);
        foreach (var target in new[] { $"http://127.0.0.1:{loopPort}/", $"http://localhost:{loopPort}/", $"http://{proxy.Host}:{anyPort}/" })
        {
            Assert.Matches($"GET {System.Text.RegularExpressions.Regex.Escape(target)} => HTTP/1\\.[01] 500 Unable to connect", text);
        }
        Assert.Contains($"direct {anyPort} exit 124", text, StringComparison.Ordinal); // dropped, not refused
        Assert.False(loopback.Pending() || everywhere.Pending(), "a guest connection reached a host listener");
        // Positive controls: the listeners answer on the host, and the proxy still reaches a package mirror.
        using (var probe = new TcpClient()) { probe.Connect(IPAddress.Loopback, loopPort); }
        Assert.True(loopback.Pending(), "the host's own connection reaches the loopback listener");
        Assert.Matches(@"GET http://\S+/ => HTTP/1\.[01] [23]\d\d", text);

        // The metadata guard: the workspace user is refused at once (Validate passed above); root is
        // not (positive control: its attempt goes out and gets no answer, there is no metadata service here).
        var (_, asRoot) = Guest("sudo -n timeout 2 bash -c 'exec 3<>/dev/tcp/169.254.169.254/80'; echo \"root exit $?\"");
        Assert.Contains("root exit 124", asRoot, StringComparison.Ordinal);

        // The loopback check sees a real listener named dolt: bound to every address it fails, to loopback it passes.
        var check = Roughneck.Health.CheckDefinition.Load(RepoRoot.Combine("ansible", "roles"), new[] { "common" })
            .Single(c => c.Name == "Dolt and Gas Town listen on loopback only");
        string Listening(string bind) => string.Join("\n",
            "cp \"$(command -v python3)\" /tmp/dolt",
            $"/tmp/dolt -m http.server --bind {bind} 3307 >/dev/null 2>&1 & pid=$!",
            "for i in $(seq 50); do sudo -n ss -Htln | grep -q ':3307 ' && break; sleep 0.1; done",
            "bash -s <<'CHECK'", check.Run, "CHECK", "echo \"check exit $?\"", "kill $pid; wait $pid 2>/dev/null; true");
        var (_, exposed) = Guest(Listening("0.0.0.0"));
        var (_, loopbackOnly) = Guest(Listening("127.0.0.1"));
        Log.WriteLine(exposed + "\n" + loopbackOnly);
        Assert.Contains("listening beyond loopback", exposed, StringComparison.Ordinal);
        Assert.Contains("check exit 1", exposed, StringComparison.Ordinal);
        Assert.Contains("loopback only: 127.0.0.1:3307", loopbackOnly, StringComparison.Ordinal);
        Assert.Contains("check exit 0", loopbackOnly, StringComparison.Ordinal);

        // Negative control of the packet-filter check: with a hole for port 22 the host answers (refused:
        // nothing listens there), and Validate fails that check, naming the port.
        var hole = ProcessCapture.Run("nft", "/", "insert", "rule", "inet", "roughneck-" + machine, "guest_in",
            "iifname", machine, "tcp", "dport", "22", "accept");
        Assert.True(hole.Exit == 0, hole.Output);
        var holed = Run("--target=Validate", "--deployment=boundary");
        Assert.NotEqual(0, holed.ExitCode);
        Assert.Matches(@"FAIL\s+common: sandbox reaches only its proxy on the host\s+host \S+ port 22 answered", holed.Output);

        var destroy = Run("--target=Destroy", "--deployment=boundary", "--force");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.Empty(HostResidue.Of(machine));
    }

    private static TcpListener Listen(IPAddress address)
    {
        var listener = new TcpListener(address, 0);
        listener.Start();
        return listener;
    }

    private (int Exit, string Output) Guest(string script)
    {
        var print = Run("--target=Ssh", "--deployment=boundary", "--print");
        var sshLine = print.Output.Split('\n').First(l => l.StartsWith("ssh ", StringComparison.Ordinal));
        var file = Path.Combine(Deployments.Dir, "probe.sh");
        File.WriteAllText(file, script + "\n");
        return ProcessCapture.Run("bash", RepoRoot.Path, "-c", sshLine.Replace("ssh ", "ssh -o BatchMode=yes ") + " -- bash -s < " + file);
    }

    /// <summary>Host uids of the processes in the machine's cgroup (roughneck/&lt;machine&gt;), leaving out systemd-nspawn itself.</summary>
    /// <summary>
    /// Host uids of the container's processes: the descendants of systemd-nspawn in the machine's
    /// cgroup. nspawn itself, and the host-side wrapper that boots it again after a reboot, run
    /// as host root by design and are not container processes.
    /// </summary>
    private static List<long> ContainerUids(string machine)
    {
        var processes = new Dictionary<int, (int Parent, string Name, long Uid)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
        {
            string cgroup, status;
            try
            {
                cgroup = File.ReadAllText(Path.Combine(dir, "cgroup"));
                status = File.ReadAllText(Path.Combine(dir, "status"));
            }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            if (!cgroup.Contains("/roughneck/" + machine, StringComparison.Ordinal)) continue;
            string Field(string name) => status.Split('\n').First(l => l.StartsWith(name + ":", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
            processes[int.Parse(Path.GetFileName(dir), System.Globalization.CultureInfo.InvariantCulture)] = (
                int.Parse(Field("PPid"), System.Globalization.CultureInfo.InvariantCulture),
                Field("Name"),
                long.Parse(Field("Uid"), System.Globalization.CultureInfo.InvariantCulture));
        }
        bool UnderNspawn(int pid)
        {
            for (var parent = processes[pid].Parent; processes.TryGetValue(parent, out var p); parent = p.Parent)
            {
                if (p.Name == "systemd-nspawn") return true;
            }
            return false;
        }
        return processes.Where(p => p.Value.Name != "systemd-nspawn" && UnderNspawn(p.Key)).Select(p => p.Value.Uid).ToList();
    }
}
