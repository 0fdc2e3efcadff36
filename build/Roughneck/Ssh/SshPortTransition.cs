namespace Roughneck.Ssh;

/// <summary>
/// An ssh port change without a lock-out. cloud-init sets the port only at the first boot; after
/// that Provision (role common) moves sshd. Until a Provision has done so, sshd may still listen
/// on the port it had before, so Init passes that port as ssh_port_previous: the firewall opens
/// it too, known_hosts pins it too, and Provision falls back to it when the new port does not
/// answer. The Provision that moves sshd records the port (<see cref="Record"/>); the next Init
/// then drops the previous port and the next Apply closes it.
/// </summary>
public static class SshPortTransition
{
    /// <summary>
    /// The port sshd may still listen on besides <paramref name="wanted"/>, or null.
    /// <paramref name="applied"/>: port of the last applied outputs (null: nothing applied yet).
    /// <paramref name="pending"/>: ssh_port_previous of the current tfvars (a change under way).
    /// <paramref name="provisioned"/>: the port the last completed Provision put sshd on (null: unknown).
    /// </summary>
    public static int? PreviousPort(int wanted, int? applied, int? pending, int? provisioned)
    {
        if (applied is null) return null; // a new machine boots on the wanted port
        if (provisioned is { } moved) return moved == wanted ? null : moved;
        if (applied != wanted) return applied;
        return pending is { } p && p != wanted ? p : null;
    }

    /// <summary>The port the last completed Provision put sshd on, or null.</summary>
    public static int? Provisioned(string markerFile) =>
        File.Exists(markerFile) && int.TryParse(File.ReadAllText(markerFile).Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            ? port
            : null;

    public static void Record(string markerFile, int port) =>
        Deployments.SecureFiles.WriteIfChanged(markerFile, port.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
}
