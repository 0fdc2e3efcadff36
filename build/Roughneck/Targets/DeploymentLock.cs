using System.Globalization;
using Roughneck.Deployments;

namespace Roughneck.Targets;

/// <summary>
/// One run at a time per deployment: an exclusive lock on .roughneck/lock (flock on Linux),
/// released by the kernel when the process ends, however it ends.
/// </summary>
public sealed class DeploymentLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _infoFile;

    private DeploymentLock(FileStream stream, string infoFile)
    {
        _stream = stream;
        _infoFile = infoFile;
    }

    public static DeploymentLock Acquire(DeploymentPaths paths, string name, string target, TimeSpan wait)
    {
        SecureFiles.EnsureDirectory(paths.Work);
        var info = paths.Lock + ".info";
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                var stream = new FileStream(paths.Lock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                File.WriteAllText(info, string.Create(CultureInfo.InvariantCulture,
                    $"pid {Environment.ProcessId}, target {target}, since {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC"));
                return new DeploymentLock(stream, info);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(500);
            }
            catch (IOException)
            {
                var holder = File.Exists(info) ? File.ReadAllText(info) : "another run";
                throw new InvalidOperationException(
                    $"deployment '{name}' is locked by another Roughneck run ({holder}); nothing was changed. " +
                    "Wait for it to finish, or set ROUGHNECK_LOCK_WAIT=<seconds> to wait.");
            }
        }
    }

    public void Dispose()
    {
        try { File.Delete(_infoFile); } catch (IOException) { }
        _stream.Dispose();
    }
}
