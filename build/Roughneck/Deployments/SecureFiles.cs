namespace Roughneck.Deployments;

/// <summary>Generated files: owner-only (0700 folders, 0600 files), written atomically.</summary>
public static class SecureFiles
{
    public static void EnsureDirectory(string path)
    {
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public static void Restrict(string file)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>
    /// Writes to a temporary file beside the target, restricts it, then renames it over. The
    /// temporary name is unique per call, not per process: a fleet runs many deployments' Inits in
    /// one process, and they write the shared Terraform CLI configuration at the same moment.
    /// </summary>
    public static void Write(string path, string content)
    {
        EnsureDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            File.WriteAllText(temporary, content);
            Restrict(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Writes only when the content differs, so timestamps (and make-like checks) stay honest.</summary>
    public static bool WriteIfChanged(string path, string content)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content) return false;
        Write(path, content);
        return true;
    }
}
