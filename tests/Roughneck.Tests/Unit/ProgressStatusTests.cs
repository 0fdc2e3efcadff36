using Roughneck.Operator;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>The status line on a terminal, from the lines Terraform, the sandbox scripts and Ansible print.</summary>
public class ProgressStatusTests
{
    [Fact]
    public void Terraform_resources_done_and_in_progress()
    {
        var status = new ProgressStatus(() => 0);
        Assert.Null(status.Current);
        Assert.False(status.Observe("Plan: 2 to add, 0 to change, 0 to destroy."));
        Assert.True(status.Observe("module.machine.terraform_data.sandbox: Creating..."));
        Assert.True(status.Observe("module.machine.local_file.key: Creating..."));
        Assert.EndsWith("terraform: 0 done, 2 in progress (creating module.machine.local_file.key)", status.Current);
        Assert.True(status.Observe("module.machine.local_file.key: Creation complete after 0s [id=abc]"));
        Assert.EndsWith("terraform: 1 done, 1 in progress", status.Current);
        Assert.Matches(@"^\[\d+:\d\d\] ", status.Current);
    }

    [Fact]
    public void Sandbox_steps_from_the_local_provider_scripts()
    {
        var status = new ProgressStatus(() => 0);
        Assert.True(status.Observe("module.machine.terraform_data.sandbox (local-exec): [sandbox rn-1a2b] 0.52s building the trixie rootfs with debootstrap from http://x (about a minute, once per cache key)"));
        Assert.EndsWith("sandbox: building the trixie rootfs with debootstrap from http://x (about a minute, once per cache key)", status.Current);
    }

    [Fact]
    public void Ansible_task_n_of_about_n_with_its_role()
    {
        var status = new ProgressStatus(() => 40);
        Assert.True(status.Observe("TASK [Gathering Facts] *********************************************************"));
        Assert.True(status.Observe("TASK [common : Install the base packages] **************************************"));
        Assert.EndsWith("ansible: task 2 of about 40, role common: Install the base packages", status.Current);
        Assert.False(status.Observe("ok: [demo]"));
    }

    [Fact]
    public void Task_count_reads_the_roles_and_leaves_out_imports()
    {
        var common = ProgressStatus.CountTasks(RepoRoot.Combine("ansible", "roles"), new[] { "common" });
        var withTmux = ProgressStatus.CountTasks(RepoRoot.Combine("ansible", "roles"), new[] { "common", "tmux" });
        Assert.True(common > 5, $"common has {common} tasks");
        Assert.True(withTmux > common);
        var main = File.ReadAllText(RepoRoot.Combine("ansible", "roles", "common", "tasks", "main.yml"));
        Assert.Contains("import_tasks", main); // the imports main.yml holds are not counted as tasks of their own
    }
}
