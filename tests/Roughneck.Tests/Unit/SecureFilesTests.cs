using Roughneck.Deployments;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>SecureFiles: generated files are owner-only and written atomically.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecureFilesTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Write_makes_a_0600_file_in_a_0700_folder()
    {
        var file = _temp.Combine(".roughneck", "ssh", "secret.txt");

        SecureFiles.Write(file, "content");

        Assert.Equal("content", File.ReadAllText(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
        Assert.Equal(new[] { file }, Directory.GetFiles(Path.GetDirectoryName(file)!));
    }

    [Fact]
    public void Write_restricts_an_existing_readable_file()
    {
        var file = _temp.Write("outputs.json", "old");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead | UnixFileMode.GroupRead);

        SecureFiles.Write(file, "new");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public void Write_if_changed_leaves_identical_content_alone()
    {
        var file = _temp.Combine("tfvars.json");
        Assert.True(SecureFiles.WriteIfChanged(file, "{}"));
        var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(file, stamp);

        Assert.False(SecureFiles.WriteIfChanged(file, "{}"));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(file));
    }

    [Fact]
    public void Write_if_changed_writes_new_content()
    {
        var file = _temp.Write("tfvars.json", "{}");

        Assert.True(SecureFiles.WriteIfChanged(file, "{\"size\": \"cx33\"}"));
        Assert.Equal("{\"size\": \"cx33\"}", File.ReadAllText(file));
    }

    [Fact]
    public async Task Concurrent_writes_of_one_file_in_one_process_all_succeed_and_leave_no_temporary_file()
    {
        // A fleet's Inits write the shared terraform.tfrc from one process at the same moment.
        var file = _temp.Combine("cache", "terraform.tfrc");
        using var start = new Barrier(16);

        var writers = Enumerable.Range(0, 16)
            .Select(i => Task.Run(() => { start.SignalAndWait(); for (var n = 0; n < 50; n++) SecureFiles.Write(file, "config"); }))
            .ToArray();

        await Task.WhenAll(writers);
        Assert.Equal("config", File.ReadAllText(file));
        Assert.Equal(new[] { file }, Directory.GetFiles(Path.GetDirectoryName(file)!));
    }
}
