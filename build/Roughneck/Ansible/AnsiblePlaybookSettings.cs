namespace Roughneck.Ansible;

/// <summary>One ansible-playbook run. Values live in files; the command line holds only paths and flags.</summary>
public sealed record AnsiblePlaybookSettings
{
    public required string AnsibleDir { get; init; }
    public required string Playbook { get; init; }
    public required string Inventory { get; init; }
    public required string ExtraVarsFile { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = Array.Empty<string>();
    public bool Check { get; init; }
    public bool Diff { get; init; }
    public int Verbosity { get; init; }
    /// <summary>Private directory of the SSH control sockets (ControlDirectory); null = Ansible's default.</summary>
    public string? ControlPathDir { get; init; }
    public IReadOnlyDictionary<string, string> SecretEnvironment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> ToArguments()
    {
        var args = new List<string> { "-i", Inventory, "-e", "@" + ExtraVarsFile };
        if (Tags.Count > 0) args.Add("--tags=" + string.Join(",", Tags));
        if (Check) args.Add("--check");
        if (Diff) args.Add("--diff");
        if (Verbosity > 0) args.Add("-" + new string('v', Math.Min(Verbosity, 4)));
        args.Add(Playbook);
        return args;
    }

    public IReadOnlyDictionary<string, string?> ToEnvironment()
    {
        var env = new Dictionary<string, string?>
        {
            ["ANSIBLE_CONFIG"] = Path.Combine(AnsibleDir, "ansible.cfg"),
            ["ANSIBLE_FORCE_COLOR"] = "0",
            ["ANSIBLE_NOCOLOR"] = "1",
            ["ANSIBLE_HOST_KEY_CHECKING"] = "True",
            ["ANSIBLE_RETRY_FILES_ENABLED"] = "False",
            ["PYTHONUNBUFFERED"] = "1",
        };
        if (ControlPathDir is not null) env["ANSIBLE_SSH_CONTROL_PATH_DIR"] = ControlPathDir;
        foreach (var (key, value) in SecretEnvironment) env[key] = value;
        return env;
    }
}
