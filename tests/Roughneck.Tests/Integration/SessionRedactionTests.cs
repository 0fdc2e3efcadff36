using Roughneck.Processes;
using Roughneck.Targets;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>
/// A secret in the run's environment never reaches the console or the captured output of a
/// process the Session runs: the real ProcessRunner streams a real child's stdout and stderr.
/// </summary>
[Collection("cli")] // swaps Console.Out
public sealed class SessionRedactionTests
{
    private const string Token = "hcloudSESSIONtoken0123456789abcdefghijklmnopqrstuvwxyzABCDEF";
    private const string ToolSecret = "tool-secret-9f8e7d6c5b4a";

    [Fact]
    public async Task Streamed_and_captured_output_of_a_child_process_is_redacted()
    {
        var environment = new Dictionary<string, string>
        {
            ["HCLOUD_TOKEN"] = Token,
            ["ROUGHNECK_SECRET_NPM_TOKEN"] = ToolSecret,
            ["ROUGHNECK_VERBOSE"] = "1",
        };
        using var session = Session.Create(RepoRoot.Path, new Dictionary<string, string> { ["target"] = "List" }, environment);
        using var temp = new TempDirectory();
        // The child reads the secrets from a file: the Session keeps cloud tokens out of a child's environment.
        var leak = Path.Combine(temp.Path, "leak.txt");
        File.WriteAllText(leak, $"token={Token} tool={ToolSecret} visible-marker\n");

        var console = new StringWriter();
        var errors = new StringWriter();
        var (savedOut, savedError) = (Console.Out, Console.Error);
        Console.SetOut(console);
        Console.SetError(errors);
        ProcessResult result;
        try
        {
            result = await session.Processes.RunAsync(
                new ProcessSpec("sh", new[] { "-c", "cat \"$1\"; cat \"$1\" >&2; echo \"arg-echo $2\"", "sh", leak, Token }),
                new ProcessOptions { Stream = true });
            session.Log.Info($"log line with {Token}");
        }
        finally
        {
            Console.SetOut(savedOut);
            Console.SetError(savedError);
        }

        var printed = console + errors.ToString();
        // Control: the lines did arrive (streamed, captured and logged), only the secrets are gone.
        Assert.Equal(2, CountOf(printed, "visible-marker"));
        Assert.Contains("token=*** tool=*** visible-marker", result.StandardOutput);
        Assert.Contains("token=*** tool=*** visible-marker", result.StandardError);
        Assert.Contains("arg-echo ***", result.StandardOutput);
        Assert.Contains("log line with ***", printed);
        Assert.Contains("$ sh -c", printed); // the verbose command line, itself redacted
        foreach (var secret in new[] { Token, ToolSecret })
        {
            Assert.DoesNotContain(secret, printed);
            Assert.DoesNotContain(secret, result.StandardOutput + result.StandardError);
        }
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
