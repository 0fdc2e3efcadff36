namespace Roughneck.Ssh;

/// <summary>How to reach a deployment's machine: always the pinned key, never a prompt.</summary>
public sealed record SshTarget(string Address, int Port, string User, string IdentityFile, string KnownHostsFile, string ControlDir)
{
    /// <summary>Options shared by ssh, scp and Ansible (ansible_ssh_common_args).</summary>
    public IReadOnlyList<string> Options(bool batch = true)
    {
        var options = new List<string>
        {
            "-o", "StrictHostKeyChecking=yes",
            "-o", "UserKnownHostsFile=" + KnownHostsFile,
            "-o", "GlobalKnownHostsFile=/dev/null",
            "-o", "IdentitiesOnly=yes",
            "-o", "ConnectTimeout=5",
            "-o", "ServerAliveInterval=15",
        };
        if (batch)
        {
            options.AddRange(new[] { "-o", "BatchMode=yes" });
        }
        return options;
    }

    public IReadOnlyList<string> SshArguments(bool batch, params string[] remoteCommand)
    {
        var args = new List<string>(Options(batch)) { "-i", IdentityFile, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        args.Add($"{User}@{Address}");
        if (remoteCommand.Length > 0)
        {
            args.Add("--");
            args.AddRange(remoteCommand);
        }
        return args;
    }
}
