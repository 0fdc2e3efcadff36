using System.Text.Json;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>
/// The gastown role builds gt again only when the build info of the build it finds differs from
/// the pin (vars/main.yml, gastown_source_build_current). The real ansible evaluates the role's
/// own variables on this machine against build info as `go version -m` prints it.
/// </summary>
[Collection("cli")]
public sealed class GasTownBuildDecisionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // As Go 1.26 prints a `go install -trimpath -ldflags='-s -w'` build with CGO off (Go leaves
    // -ldflags out of a -trimpath build's info).
    private const string Current = "/opt/roughneck/gastown/v1.2.1-source/gt: go1.26.2\n"
        + "\tpath\tgithub.com/steveyegge/gastown/cmd/gt\n"
        + "\tmod\tgithub.com/steveyegge/gastown\tv1.2.1\th1:1cWCKDQbB+B3uCAK1qeRBcpZXYUTMPZNBlYys2g8KiA=\n"
        + "\tdep\tgithub.com/steveyegge/beads\tv1.0.5\th1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
        + "\tbuild\t-buildmode=exe\n\tbuild\t-compiler=gc\n\tbuild\t-trimpath=true\n"
        + "\tbuild\tCGO_ENABLED=0\n\tbuild\tGOARCH=amd64\n\tbuild\tGOOS=linux\n\tbuild\tGOAMD64=v1";

    private static object Case(string info, int rc = 0, string reference = "v1.2.1", string[]? flags = null) =>
        new { build = new { rc, stdout = info }, @ref = reference, flags = flags ?? new[] { "-trimpath", "-ldflags=-s -w" } };

    [SkippableFact]
    public void Gt_is_built_again_only_when_its_build_info_differs_from_the_pin()
    {
        var decisions = Decide(
            Case(Current),
            Case(Current.Replace("\tv1.2.1\t", "\tv1.2.0\t", StringComparison.Ordinal)),
            Case(Current.Replace("CGO_ENABLED=0", "CGO_ENABLED=1", StringComparison.Ordinal)),
            Case(Current.Replace("\tbuild\t-trimpath=true\n", "\tbuild\t-ldflags=\"-s -w\"\n", StringComparison.Ordinal)),
            Case(Current.Replace("/cmd/gt\n", "/cmd/gt-other\n", StringComparison.Ordinal)),
            Case("/opt/roughneck/gastown/v1.2.1-source/gt: could not read Go build info: unexpected EOF", rc: 1),
            Case("", rc: 1),
            Case(Current.Replace("\tv1.2.1\t", "\tv1.2.2-0.20260601000000-0123456789ab\t", StringComparison.Ordinal), reference: "main"),
            Case(Current.Replace("\tbuild\t-trimpath=true\n", "", StringComparison.Ordinal), flags: Array.Empty<string>()));
        Assert.Equal(new[]
        {
            true,   // the pinned module, version and settings
            false,  // another version of the module
            false,  // cgo on
            false,  // built without -trimpath
            false,  // another package
            false,  // a partial build: no build info
            false,  // no build at all
            true,   // a branch ref: any version of the pinned module (the directory is named by the ref)
            true,   // flags without -trimpath: none expected
        }, decisions);
    }

    private bool[] Decide(params object[] cases)
    {
        Requirements.Commands("ansible-playbook");
        var roles = RepoRoot.Combine("ansible", "roles");
        _dir.Write("cases.json", JsonSerializer.Serialize(new { cases }));
        var playbook = _dir.Write("decide.yml", $$$"""
            - hosts: localhost
              connection: local
              gather_facts: false
              vars_files:
                - {{{roles}}}/gastown/defaults/main.yml
                - {{{roles}}}/gastown/vars/main.yml
              vars:
                roughneck_user: dev
                roughneck_user_home: /home/dev
              tasks:
                - name: Decide whether gt is current
                  ansible.builtin.debug:
                    msg: "{{ gastown_source_build_current }}"
                  vars:
                    gastown_probe:
                      probe:
                        commands: ["{{ item.build }}"]
                    gastown_source_ref: "{{ item.ref }}"
                    gastown_go_build_flags: "{{ item.flags }}"
                  loop: "{{ cases }}"
                  register: decisions
                - name: Write the decisions
                  ansible.builtin.copy:
                    content: "{{ decisions.results | map(attribute='msg') | list | to_json }}"
                    dest: {{{_dir.Combine("decisions.json")}}}
                    mode: "0644"
            """);
        var (exit, output) = LocalAnsible.Playbook(_dir.Path, playbook, "-e", "@" + _dir.Combine("cases.json"));
        Assert.True(exit == 0, output);
        return JsonSerializer.Deserialize<bool[]>(File.ReadAllText(_dir.Combine("decisions.json")))!;
    }
}
