using System.Diagnostics;
using Roughneck.Deployments;
using Roughneck.Targets;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>DeploymentLock: one run at a time per deployment (flock of .roughneck/lock).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DeploymentLockTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly DeploymentPaths _paths;

    public DeploymentLockTests() => _paths = new DeploymentPaths(_temp.Combine("demo"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Second_acquire_while_held_is_refused_naming_the_holder()
    {
        using var first = DeploymentLock.Acquire(_paths, "demo", "Apply", TimeSpan.Zero);

        var error = Assert.Throws<InvalidOperationException>(() => DeploymentLock.Acquire(_paths, "demo", "Plan", TimeSpan.Zero));

        Assert.Contains("deployment 'demo' is locked by another Roughneck run", error.Message, StringComparison.Ordinal);
        Assert.Contains($"pid {Environment.ProcessId}, target Apply, since ", error.Message, StringComparison.Ordinal);
        Assert.Contains("ROUGHNECK_LOCK_WAIT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_dispose_the_lock_can_be_taken_again()
    {
        DeploymentLock.Acquire(_paths, "demo", "Apply", TimeSpan.Zero).Dispose();

        using var again = DeploymentLock.Acquire(_paths, "demo", "Plan", TimeSpan.Zero);

        Assert.Contains("target Plan", File.ReadAllText(_paths.Lock + ".info"), StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_removes_the_holder_info()
    {
        DeploymentLock.Acquire(_paths, "demo", "Apply", TimeSpan.Zero).Dispose();

        Assert.False(File.Exists(_paths.Lock + ".info"));
    }

    [Fact]
    public void Work_folder_is_created_owner_only()
    {
        using var held = DeploymentLock.Acquire(_paths, "demo", "Init", TimeSpan.Zero);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_paths.Work));
    }

    [Fact]
    public void Waiting_gives_up_after_the_wait()
    {
        using var first = DeploymentLock.Acquire(_paths, "demo", "Apply", TimeSpan.Zero);
        var watch = Stopwatch.StartNew();

        Assert.Throws<InvalidOperationException>(() => DeploymentLock.Acquire(_paths, "demo", "Plan", TimeSpan.FromMilliseconds(600)));

        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Other_deployments_are_not_blocked()
    {
        using var first = DeploymentLock.Acquire(_paths, "demo", "Apply", TimeSpan.Zero);

        using var other = DeploymentLock.Acquire(new DeploymentPaths(_temp.Combine("other")), "other", "Apply", TimeSpan.Zero);

        Assert.True(File.Exists(Path.Combine(_temp.Combine("other"), ".roughneck", "lock")));
    }
}
