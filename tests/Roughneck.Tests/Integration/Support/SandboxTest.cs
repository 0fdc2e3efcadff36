using Xunit.Abstractions;

namespace Roughneck.Tests.Integration.Support;

/// <summary>
/// What every test of a real sandbox shares: its own deployments folder (removed, with every
/// sandbox still in it, on Dispose), and <see cref="Run"/>, which runs ./build.sh there and logs
/// the command, its exit code and the end of its output.
/// </summary>
public abstract class SandboxTest : IDisposable
{
    /// <summary>An upper bound for one ./build.sh run: a hang fails the test instead of the suite.</summary>
    protected static readonly TimeSpan Long = TimeSpan.FromMinutes(30);

    protected SandboxTest(ITestOutputHelper log) => Log = log;

    protected TempDeployments Deployments { get; } = new();

    protected ITestOutputHelper Log { get; }

    protected CliResult Run(params string[] arguments)
    {
        var result = CliRun.Run(Deployments.Dir, null, Long, arguments);
        Log.WriteLine($"$ ./build.sh {string.Join(" ", arguments)} -> exit {result.ExitCode}\n{Tail(result.Output, 40)}");
        return result;
    }

    protected static string Tail(string text, int lines) => string.Join("\n", text.Split('\n').TakeLast(lines));

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing) Deployments.Dispose();
    }
}
