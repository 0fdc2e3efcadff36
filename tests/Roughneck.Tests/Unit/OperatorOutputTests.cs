using Roughneck.Deployments;
using Roughneck.Operator;
using Roughneck.Pricing;
using Roughneck.Processes;
using Roughneck.Ssh;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>What the operator is told: Deploy's summary, a failure's last lines, List --live's parsing, Tunnel's and Edit's pieces.</summary>
public class OperatorOutputTests
{
    private static readonly SshTarget Target = new("203.0.113.9", 22, "dev", "/k/id_ed25519", "/k/known_hosts", "/run/cp");

    [Fact]
    public void Summary_says_where_how_what_it_costs_and_how_it_went()
    {
        var spec = Specs.Load("provider: hetzner\nregion: fsn1\nsize: cx33\nssh: {allowed_cidrs: [203.0.113.0/24]}\n");
        var cost = CostEstimate.For(Catalogs.Providers, "hetzner", "cx33", "fsn1");
        var lines = DeploySummary.Lines(spec, "203.0.113.9", 22, Target, cost, "passed: 40 passed, 0 failed, 2 not applicable", TimeSpan.FromSeconds(263))
            .ToDictionary(l => l.Label, l => l.Value);
        Assert.StartsWith("203.0.113.9:22 (hetzner, fsn1, cx33)", lines["address"]);
        Assert.Contains("./build.sh --target=Ssh --deployment=demo", lines["ssh"]);
        Assert.Contains("StrictHostKeyChecking=yes", lines["ssh"]);
        Assert.Contains("./build.sh --target=Tunnel --deployment=demo", lines["code-server"]);
        Assert.Contains("grep password: .config/code-server/config.yaml", lines["password"]);
        Assert.Contains("EUR/month", lines["cost"]);
        Assert.Equal("4 min 23 s", lines["took"]);
        var markdown = DeploySummary.Markdown("demo", lines.Select(kv => (kv.Key, kv.Value)).ToList());
        Assert.Contains("| code-server | `./build.sh --target=Tunnel", markdown);
    }

    [Fact]
    public void Summary_with_tls_gives_the_url_instead_of_the_tunnel()
    {
        var spec = Specs.Load("provider: hetzner\nssh: {allowed_cidrs: [203.0.113.0/24]}\nfeatures: {tls: true}\ntls: {mode: acme_http, domain: code.example.com}\n");
        var lines = DeploySummary.Lines(spec, "203.0.113.9", 22, Target, null, "not run", TimeSpan.FromSeconds(5)).ToDictionary(l => l.Label, l => l.Value);
        Assert.Equal("https://code.example.com/", lines["code-server"]);
    }

    [Fact]
    public void Failure_names_the_step_the_resume_command_and_the_log()
    {
        var spec = Specs.Load("provider: local\n");
        var lines = FailureAdvice.Lines("Deploy", "Provision", new InvalidOperationException("ansible-playbook failed: 1 host unreachable\nmore"), spec, Catalogs.Providers,
            "/repo/deployments/demo/.roughneck/logs/deploy-1.log", "/repo");
        Assert.Equal("Deploy of demo failed at step Provision: ansible-playbook failed: 1 host unreachable", lines[1]);
        Assert.Equal("  resume: ./build.sh --target=Deploy --deployment=demo   (Deploy repairs an interrupted run; nothing is recreated that exists)", lines[2]);
        Assert.Equal("  full log: deployments/demo/.roughneck/logs/deploy-1.log", lines[3]);
    }

    [Fact]
    public void Spec_errors_resume_with_Edit_and_capacity_errors_with_a_bigger_size()
    {
        var local = Specs.Load("provider: local\n");
        var spec = FailureAdvice.Lines("Deploy", "Init", new SpecException(new SpecProblem("x", 1, "size", "bad")), local, Catalogs.Providers, null, "/");
        Assert.Contains("--target=Edit --deployment=demo", spec[2]);

        var hetzner = Specs.Load("provider: hetzner\nregion: fsn1\nsize: cx33\nssh: {allowed_cidrs: [203.0.113.0/24]}\n");
        var next = FailureAdvice.NextSize(hetzner, Catalogs.Providers);
        Assert.NotNull(next);
        Assert.NotEqual("cx33", next);
        var capacity = FailureAdvice.Lines("Deploy", "Apply", new InvalidOperationException("resource_unavailable: no capacity"), hetzner, Catalogs.Providers, null, "/");
        Assert.Contains($"--size={next}", capacity[2]);
    }

    [Fact]
    public void Live_probe_reads_uptime_load_and_the_daemon()
    {
        var up = LiveProbe.Parse(new ProcessResult(0, "3725.41 7000.1\n0.15 0.10 0.05\nactive\n", "", TimeSpan.Zero));
        Assert.Equal((true, 3725L, "0.15 0.10 0.05", "active"), (up.Reachable, up.UptimeSeconds!.Value, up.Load, up.GastownDaemon));
        Assert.Equal("up 1 h 2 min, load 0.15 0.10 0.05, gastown active", up.OneLine);
        var down = LiveProbe.Parse(new ProcessResult(255, "", "ssh: connect to host 10.222.0.6 port 22: No route to host\n", TimeSpan.Zero));
        Assert.False(down.Reachable);
        Assert.Contains("No route to host", down.OneLine);
    }

    [Fact]
    public void Tunnel_forwards_loopback_to_code_server_with_the_pinned_key()
    {
        var arguments = TunnelStep.Arguments(Target, 18080);
        var command = TunnelStep.Command(arguments);
        Assert.StartsWith("ssh -N -o ExitOnForwardFailure=yes -L 127.0.0.1:18080:127.0.0.1:10080 ", command);
        Assert.Contains("-o StrictHostKeyChecking=yes -o UserKnownHostsFile=/k/known_hosts", command);
        Assert.EndsWith("dev@203.0.113.9", command);
    }

    [Fact]
    public void Edit_strips_only_its_own_problem_lines()
    {
        var text = EditStep.ProblemPrefix + "x.yaml:2: key 'size': bad\n" + EditStep.ProblemPrefix + "second\n# my comment\nprovider: local\n";
        Assert.Equal("# my comment\nprovider: local\n", EditStep.WithoutProblems(text));
        Assert.Equal("vim", EditStep.Editor(new Dictionary<string, string> { ["EDITOR"] = "vim" }));
        Assert.Equal("code --wait", EditStep.Editor(new Dictionary<string, string> { ["EDITOR"] = "vim", ["VISUAL"] = "code --wait" }));
    }
}
