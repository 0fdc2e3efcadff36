namespace Roughneck.Tests.TestSupport;

/// <summary>The checkout under test: the first folder above the test binaries that holds build.cake.</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine(new[] { Path }.Concat(parts).ToArray());

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "build.cake")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no build.cake above {AppContext.BaseDirectory}");
    }
}
