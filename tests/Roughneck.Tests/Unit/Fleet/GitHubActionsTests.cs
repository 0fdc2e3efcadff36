using Roughneck.Ci;
using Xunit;

namespace Roughneck.Tests.Unit.Fleet;

/// <summary>Workflow commands: the runner's escaping, and silence outside GitHub Actions.</summary>
public class GitHubActionsTests
{
    [Fact]
    public void An_error_annotation_escapes_its_title_and_message()
    {
        Assert.Equal("::error title=Roughneck Deploy failed%3A eu%2C us::deployment eu, step Apply: 100%25 failed%0Anext line",
            GitHubActions.ErrorCommand("Roughneck Deploy failed: eu, us", "deployment eu, step Apply: 100% failed\nnext line"));
    }

    [Fact]
    public void Only_GITHUB_ACTIONS_true_turns_it_on()
    {
        Assert.True(GitHubActions.IsActive(new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true" }));
        Assert.False(GitHubActions.IsActive(new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "false" }));
        Assert.False(GitHubActions.IsActive(new Dictionary<string, string>()));
    }

    [Fact]
    public void The_job_summary_is_appended_whole_and_only_when_GITHUB_STEP_SUMMARY_is_set()
    {
        using var dir = new TestSupport.TempDirectory();
        var file = Path.Combine(dir.Path, "summary.md");
        var environment = new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = file };

        JobSummary.Append(environment, "### one\n");
        JobSummary.Append(environment, "### two");
        JobSummary.Append(new Dictionary<string, string>(), "### never");

        Assert.Equal("### one\n\n### two\n\n", File.ReadAllText(file));
    }
}
