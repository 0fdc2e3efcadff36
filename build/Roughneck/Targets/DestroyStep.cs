using Roughneck.Terraform;

namespace Roughneck.Targets;

/// <summary>
/// Destroy: asks the state backend what exists and destroys it, then removes every generated file
/// of the deployment (the spec stays). With remote state it needs no local folder; "nothing to
/// destroy" means the state holds no resources.
/// </summary>
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
        if (s.Spec.State.Backend == "local" && !File.Exists(paths.State))
        {
            // A local backend keeps the state in the deployment's folder: none there, nothing exists.
            s.Lock();
            RemoveGenerated(s);
            s.Log.Info($"Destroy: {s.Spec.Name} has nothing to destroy (no state in {Path.GetRelativePath(s.Repo.Root, paths.State)})");
            return;
        }
        await InitStep.RunAsync(s, ct); // takes the lock; reads the state
        var resources = await s.Terraform.StateListAsync(s.TerraformSettings(new TerraformStateListSettings()), ct);
        if (resources.Count == 0)
        {
            s.Log.Info($"Destroy: {s.Spec.Name} has nothing to destroy (its {s.Spec.State.Backend} state holds no resources)");
        }
        else
        {
            s.Log.Info($"Destroy: {s.Spec.Name}: {resources.Count} resource(s) in its {s.Spec.State.Backend} state");
            await s.Terraform.DestroyAsync(s.TerraformSettings(new TerraformDestroySettings
            {
                VarFiles = new[] { paths.TfVars },
                LockTimeout = s.Spec.Terraform.LockTimeout,
            }), ct);
        }
        s.State = DeploymentState.Empty;
        RemoveGenerated(s);
        s.Log.Info($"Destroy: {s.Spec.Name} is gone; its spec {Path.GetRelativePath(s.Repo.Root, paths.Spec)} stays");
    }

    private static void RemoveGenerated(Session s)
    {
        var paths = s.Paths;
        if (!Directory.Exists(paths.Work)) return;
        foreach (var entry in Directory.EnumerateFileSystemEntries(paths.Work).Where(e => !e.StartsWith(paths.Lock, StringComparison.Ordinal)))
        {
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
            else File.Delete(entry);
        }
    }
}
