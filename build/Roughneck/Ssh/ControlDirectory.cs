namespace Roughneck.Ssh;

/// <summary>
/// Where Ansible's SSH control sockets live: a directory only this user can enter. A fixed
/// path under /tmp could be created first by another local user, who would then own our
/// sockets. $XDG_RUNTIME_DIR (0700, made by the login manager) when it is there, else a fresh
/// mkdtemp directory (0700, unpredictable name) for this process, removed when it exits.
/// Both keep the socket path well under the 108-byte limit.
/// </summary>
public static class ControlDirectory
{
    private static readonly Lazy<string> Shared = new(() => Create(Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR")));

    /// <summary>The directory of this process (created once).</summary>
    public static string Current => Shared.Value;

    public static string Create(string? runtimeDir)
    {
        if (!OperatingSystem.IsWindows() && !string.IsNullOrEmpty(runtimeDir) && IsPrivate(runtimeDir))
        {
            var dir = Path.Combine(runtimeDir, "roughneck-cp");
            if (!Directory.Exists(dir)) Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (IsPrivate(dir)) return dir;
        }
        var temporary = Directory.CreateTempSubdirectory("roughneck-cp-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(temporary, recursive: true); }
            catch (IOException) { } // a control master still closing its socket: /tmp's cleaner takes it
            catch (UnauthorizedAccessException) { }
        };
        return temporary;
    }

    /// <summary>A real directory (not a link) that nobody but its owner can enter or write.</summary>
    public static bool IsPrivate(string dir)
    {
        if (OperatingSystem.IsWindows()) return false;
        var info = new DirectoryInfo(dir);
        if (!info.Exists || info.LinkTarget is not null) return false;
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        return (info.UnixFileMode & others) == 0;
    }
}
