using Roughneck.Processes;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>A real child started by the runner: a token in our environment does not reach it, except Terraform's.</summary>
public class ChildEnvironmentRunTests
{
    private sealed class QuietLog : ILog
    {
        public void Info(string message) { }
        public void Warn(string message) { }
        public void Error(string message) { }
        public void Detail(string message) { }
    }

    [Fact]
    public async Task A_cloud_token_of_the_parent_reaches_only_a_child_that_inherits_tokens()
    {
        const string name = "AWS_ROUGHNECK_CHILD_ENV_MARKER";
        Environment.SetEnvironmentVariable(name, "marker-value");
        try
        {
            var runner = new ProcessRunner(new QuietLog(), new Redactor());
            var options = new ProcessOptions { Stream = false };

            var ordinary = await runner.RunAsync(new ProcessSpec("env", Array.Empty<string>()), options);
            var terraformLike = await runner.RunAsync(new ProcessSpec("env", Array.Empty<string>()) { InheritsCloudTokens = true }, options);

            Assert.DoesNotContain(name + "=", ordinary.StandardOutput, StringComparison.Ordinal);
            Assert.Contains(name + "=marker-value", terraformLike.StandardOutput, StringComparison.Ordinal); // positive control
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }
}
