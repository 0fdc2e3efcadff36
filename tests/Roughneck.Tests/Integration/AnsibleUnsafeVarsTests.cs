using Roughneck.Ansible;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>The real ansible-playbook reads ansible.vars from the extra-vars file as text: a template in a spec never runs.</summary>
public class AnsibleUnsafeVarsTests
{
    private const string Probe = "{{ lookup('env', 'ROUGHNECK_UNSAFE_PROBE') }}";

    [SkippableFact]
    public void A_template_in_ansible_vars_is_not_evaluated_on_the_controller()
    {
        Requirements.Commands("ansible-playbook");
        using var dir = new TempDirectory();
        var playbook = dir.Write("probe.yml", string.Join("\n",
            "- hosts: localhost", "  connection: local", "  gather_facts: false", "  tasks:",
            "    - ansible.builtin.debug:", "        msg: \"probe=[{{ probe }}]\"", ""));
        var spec = Specs.Local("ansible:", "  vars:", $"    probe: \"{Probe}\"");
        var vars = ExtraVars.Build(spec, Catalogs.Features, "", Array.Empty<string>(), 22);
        var marked = dir.Write("marked.json", ExtraVars.ToJson(new Dictionary<string, object?> { ["probe"] = vars["probe"] }));
        var plain = dir.Write("plain.json", ExtraVars.ToJson(new Dictionary<string, object?> { ["probe"] = Probe }));

        var safe = Run(dir.Path, playbook, marked);
        var control = Run(dir.Path, playbook, plain);

        Assert.True(safe.Exit == 0, safe.Output);
        Assert.Contains("probe=[" + Probe + "]", safe.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("evaluated-on-controller", safe.Output, StringComparison.Ordinal);
        Assert.Contains("probe=[evaluated-on-controller]", control.Output, StringComparison.Ordinal); // positive control: unmarked, it runs
    }

    private static (int Exit, string Output) Run(string dir, string playbook, string varsFile)
    {
        var start = new System.Diagnostics.ProcessStartInfo("ansible-playbook", new[] { "-i", "localhost,", "-e", "@" + varsFile, playbook })
        {
            WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["ROUGHNECK_UNSAFE_PROBE"] = "evaluated-on-controller";
        start.Environment["ANSIBLE_NOCOLOR"] = "1";
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit(TimeSpan.FromMinutes(2));
        return (process.ExitCode, output.Result + errors.Result);
    }
}
