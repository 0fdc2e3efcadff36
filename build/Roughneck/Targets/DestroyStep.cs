using Roughneck.Terraform;

namespace Roughneck.Targets;

/// <summary>Destroy: terraform destroy, then every generated file of the deployment (the spec stays).</summary>
public static class DestroyStep
{
    public static void Run(Session s)
    {
        DestroyConfirmation.Require(s, new[] { s.Spec.Name });
        RunAsync(s).GetAwaiter().GetResult();
    }

    public static async Task RunAsync(Session s, CancellationToken ct = default)
    {
        var paths = s.Paths;
        if (!Directory.Exists(paths.Work))
        {
            s.Log.Info($"Destroy: {s.Spec.Name} has nothing to destroy");
            return;
        }
        if (File.Exists(paths.TfVars))
        {
            await InitStep.RunAsync(s, ct); // takes the lock; a no-op when already initialised
            await s.Terraform.DestroyAsync(s.TerraformSettings(new TerraformDestroySettings
            {
                VarFiles = new[] { paths.TfVars },
                LockTimeout = s.Spec.Terraform.LockTimeout,
            }), ct);
        }
        else
        {
            s.Lock();
        }
        foreach (var entry in Directory.EnumerateFileSystemEntries(paths.Work).Where(e => !e.StartsWith(paths.Lock, StringComparison.Ordinal)))
        {
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
            else File.Delete(entry);
        }
        s.Log.Info($"Destroy: {s.Spec.Name} is gone; its spec {Path.GetRelativePath(s.Repo.Root, paths.Spec)} stays");
    }
}
