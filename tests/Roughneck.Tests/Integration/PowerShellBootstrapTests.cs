using Roughneck.Tests.Integration.Support;
using Xunit;

using Roughneck.Tests.TestSupport;

namespace Roughneck.Tests.Integration;

/// <summary>build.ps1 does what build.sh does, run by a real PowerShell (the PowerShell dotnet tool).</summary>
[Collection("cli")]
public sealed class PowerShellBootstrapTests
{
    private static readonly object InstallLock = new();

    private static string Pwsh()
    {
        lock (InstallLock)
        {
            var toolDir = RepoRoot.Combine("build", ".cache", "pwsh");
            var pwsh = Path.Combine(toolDir, "pwsh");
            if (File.Exists(pwsh)) return pwsh;
            var (exit, output) = ProcessCapture.Run("dotnet", RepoRoot.Path, "tool", "install", "--tool-path", toolDir, "PowerShell", "--version", "7.6.9");
            Skip.If(exit != 0, "SKIPPED: cannot install the PowerShell dotnet tool: " + output);
            return pwsh;
        }
    }

    [SkippableFact]
    public void Help_runs_and_the_library_build_is_shared_with_build_sh()
    {
        var pwsh = Pwsh();
        var (exit, output) = ProcessCapture.Run(pwsh, RepoRoot.Path, "-NoProfile", "-File", "build.ps1", "--target=Help");
        Assert.True(exit == 0, output);
        Assert.Contains("./build.sh --target=Deploy --deployment=NAME", output);
        // Whichever script built the library, the other finds it current: one hash, one build.
        var (shExit, shOutput) = ProcessCapture.Run("bash", RepoRoot.Path, "build.sh", "--target=Help");
        Assert.True(shExit == 0, shOutput);
        Assert.DoesNotContain("building the library", shOutput);
    }

    [SkippableFact]
    public void Unknown_argument_fails_with_a_suggestion()
    {
        var pwsh = Pwsh();
        var (exit, output) = ProcessCapture.Run(pwsh, RepoRoot.Path, "-NoProfile", "-File", "build.ps1", "--target=List", "--jsno");
        Assert.NotEqual(0, exit);
        Assert.Contains("did you mean '--json'", output);
    }
}
