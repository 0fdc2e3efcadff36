using Roughneck.Ansible;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>PlaybookOutput follows ansible-playbook's default callback output line by line.</summary>
public class PlaybookOutputTests
{
    private static PlaybookOutput Feed(string transcript)
    {
        var output = new PlaybookOutput();
        foreach (var line in transcript.Split('\n')) output.Accept(line);
        return output;
    }

    private const string FailedRun = """
        PLAY [workspace] ***************************************************************

        TASK [Gathering Facts] *********************************************************
        ok: [demo]

        TASK [common : Install base packages] ******************************************
        changed: [demo]

        TASK [code_server : Start code-server] *****************************************
        fatal: [demo]: FAILED! => {"changed": false, "msg": "Unable to start service code-server: Job for code-server.service failed.\nSee \"systemctl status code-server.service\" for details.\n"}

        PLAY RECAP *********************************************************************
        demo                       : ok=12   changed=3    unreachable=0    failed=1    skipped=2    rescued=0    ignored=0
        """;

    [Fact]
    public void Fatal_line_records_host_task_and_unescaped_message()
    {
        var failure = Assert.Single(Feed(FailedRun).Failures);

        Assert.Equal("demo", failure.Host);
        Assert.Equal("code_server : Start code-server", failure.Task);
        Assert.Equal("Unable to start service code-server: Job for code-server.service failed.\nSee \"systemctl status code-server.service\" for details.\n", failure.Message);
    }

    [Fact]
    public void Describe_names_host_and_task()
    {
        Assert.StartsWith("host demo failed at task 'code_server : Start code-server': Unable to start service code-server", Feed(FailedRun).Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Recap_line_gives_the_counts()
    {
        var output = Feed(FailedRun);

        Assert.Equal(new HostRecap("demo", 12, 3, 0, 1, 2), Assert.Single(output.Recap));
        Assert.Equal(3, output.TotalChanged);
    }

    [Fact]
    public void Changed_counts_add_up_over_hosts()
    {
        var output = Feed("""
            PLAY RECAP *********************************************************************
            demo                       : ok=40   changed=7    unreachable=0    failed=0    skipped=5    rescued=0    ignored=0
            demo-2                     : ok=40   changed=0    unreachable=0    failed=0    skipped=5    rescued=0    ignored=0
            """);

        Assert.Equal(7, output.TotalChanged);
        Assert.Equal(new[] { "demo", "demo-2" }, output.Recap.Select(r => r.Host));
    }

    [Fact]
    public void Loop_item_failure_is_recorded()
    {
        var output = Feed("""
            TASK [ai_clis : Install AI CLIs with npm] ***************************************
            failed: [demo] (item=@anthropic-ai/claude-code) => {"ansible_loop_var": "item", "changed": false, "item": "@anthropic-ai/claude-code", "msg": "npm ERR! code E404"}
            """);

        var failure = Assert.Single(output.Failures);
        Assert.Equal("ai_clis : Install AI CLIs with npm", failure.Task);
        Assert.Equal("npm ERR! code E404", failure.Message);
    }

    [Fact]
    public void Ignored_failure_is_not_a_failure()
    {
        // The default callback prints "...ignoring" on the line after the fatal line
        // (ansible/plugins/callback/default.py, v2_runner_on_failed).
        var output = Feed("""
            TASK [docker : Probe for an old daemon] ****************************************
            fatal: [demo]: FAILED! => {"changed": false, "cmd": ["docker", "info"], "msg": "[Errno 2] No such file or directory: b'docker'", "rc": 2}
            ...ignoring

            TASK [docker : Install docker.io] **********************************************
            changed: [demo]
            """);

        Assert.Empty(output.Failures);
        Assert.Equal("ansible-playbook failed", output.Describe());
    }

    [Fact]
    public void Message_without_msg_field_keeps_the_result()
    {
        var output = Feed("""
            TASK [common : Check disk] *****************************************************
            fatal: [demo]: FAILED! => {"changed": false, "rc": 1, "stderr": "boom"}
            """);

        Assert.Equal("{\"changed\": false, \"rc\": 1, \"stderr\": \"boom\"}", Assert.Single(output.Failures).Message);
    }

    [Fact]
    public void Long_messages_are_shortened()
    {
        var output = Feed("TASK [x] ***\nfatal: [demo]: FAILED! => {\"msg\": \"" + new string('a', 1000) + "\"}");

        Assert.Equal(401, Assert.Single(output.Failures).Message.Length);
        Assert.EndsWith("…", output.Failures[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreachable_host_shows_in_the_recap()
    {
        var output = Feed("""
            TASK [Gathering Facts] *********************************************************
            fatal: [demo]: UNREACHABLE! => {"changed": false, "msg": "Failed to connect to the host via ssh: ssh: connect to host 203.0.113.10 port 22: Connection refused", "unreachable": true}

            PLAY RECAP *********************************************************************
            demo                       : ok=0    changed=0    unreachable=1    failed=0    skipped=0    rescued=0    ignored=0
            """);

        Assert.Equal(1, Assert.Single(output.Recap).Unreachable);
        Assert.Contains("Connection refused", output.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ok_changed_and_skipping_lines_are_not_failures()
    {
        var output = Feed("TASK [a] ***\nok: [demo]\nchanged: [demo]\nskipping: [demo]\nok: [demo] => (item=failed: [x])");

        Assert.Empty(output.Failures);
        Assert.Equal("ansible-playbook failed", output.Describe());
    }
}
