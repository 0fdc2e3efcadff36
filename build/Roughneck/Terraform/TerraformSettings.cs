namespace Roughneck.Terraform;

/// <summary>What every terraform/tofu call shares: binary, root folder, data dir, CLI config, environment.</summary>
public abstract record TerraformSettings
{
    public string Binary { get; init; } = "terraform";
    public string WorkingDirectory { get; init; } = "";
    public string DataDir { get; init; } = "";
    public string? CliConfigFile { get; init; }

    /// <summary>Credentials and the like: given to the child process only, never on its command line.</summary>
    public IReadOnlyDictionary<string, string> SecretEnvironment { get; init; } = new Dictionary<string, string>();

    public abstract IReadOnlyList<string> ToArguments();

    public IReadOnlyDictionary<string, string?> ToEnvironment()
    {
        if (!Path.IsPathRooted(DataDir))
        {
            // A relative TF_DATA_DIR resolves against -chdir, not against us.
            throw new ArgumentException($"TF_DATA_DIR must be absolute: {DataDir}");
        }
        var env = new Dictionary<string, string?>
        {
            ["TF_DATA_DIR"] = DataDir,
            ["TF_IN_AUTOMATION"] = "1",
            ["TF_INPUT"] = "0",
            ["CHECKPOINT_DISABLE"] = "1",
        };
        if (CliConfigFile is not null) env["TF_CLI_CONFIG_FILE"] = CliConfigFile;
        foreach (var (key, value) in SecretEnvironment) env[key] = value;
        return env;
    }

    protected List<string> Start(string verb) => new() { "-chdir=" + WorkingDirectory, verb };
}

public sealed record TerraformInitSettings : TerraformSettings
{
    public IReadOnlyDictionary<string, string> BackendConfig { get; init; } = new Dictionary<string, string>();
    public bool LockfileReadonly { get; init; }
    public bool Reconfigure { get; init; }

    /// <summary>-migrate-state -force-copy: copy the state from the previous backend (--migrate-state).</summary>
    public bool MigrateState { get; init; }

    /// <summary>A migration locks both states.</summary>
    public string LockTimeout { get; init; } = "60s";

    public override IReadOnlyList<string> ToArguments()
    {
        var args = Start("init");
        args.Add("-input=false");
        args.Add("-no-color");
        args.Add("-lock-timeout=" + LockTimeout);
        if (MigrateState) args.AddRange(new[] { "-migrate-state", "-force-copy" });
        else if (Reconfigure) args.Add("-reconfigure");
        if (LockfileReadonly) args.Add("-lockfile=readonly");
        foreach (var (key, value) in BackendConfig.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            args.Add($"-backend-config={key}={value}");
        }
        return args;
    }
}

public sealed record TerraformPlanSettings : TerraformSettings
{
    public required string OutFile { get; init; }
    public IReadOnlyList<string> VarFiles { get; init; } = Array.Empty<string>();
    public string LockTimeout { get; init; } = "60s";
    public bool Destroy { get; init; }

    /// <summary>-refresh-only: only what changed outside Terraform (Drift); exit 2 means drift.</summary>
    public bool RefreshOnly { get; init; }

    public override IReadOnlyList<string> ToArguments()
    {
        var args = Start("plan");
        args.AddRange(new[] { "-input=false", "-no-color", "-detailed-exitcode", "-lock-timeout=" + LockTimeout });
        if (Destroy) args.Add("-destroy");
        if (RefreshOnly) args.Add("-refresh-only");
        args.AddRange(VarFiles.Select(f => "-var-file=" + f));
        args.Add("-out=" + OutFile);
        return args;
    }
}

public sealed record TerraformApplySettings : TerraformSettings
{
    public required string PlanFile { get; init; }
    public string LockTimeout { get; init; } = "60s";

    // Options first, the saved plan last: terraform reads the positional argument as the plan.
    public override IReadOnlyList<string> ToArguments()
    {
        var args = Start("apply");
        args.AddRange(new[] { "-input=false", "-no-color", "-lock-timeout=" + LockTimeout, PlanFile });
        return args;
    }
}

public sealed record TerraformShowSettings : TerraformSettings
{
    public required string PlanFile { get; init; }

    public override IReadOnlyList<string> ToArguments()
    {
        var args = Start("show");
        args.AddRange(new[] { "-json", "-no-color", PlanFile });
        return args;
    }
}

public sealed record TerraformOutputSettings : TerraformSettings
{
    public override IReadOnlyList<string> ToArguments()
    {
        var args = Start("output");
        args.AddRange(new[] { "-json", "-no-color" });
        return args;
    }
}

public sealed record TerraformDestroySettings : TerraformSettings
{
    public IReadOnlyList<string> VarFiles { get; init; } = Array.Empty<string>();
    public string LockTimeout { get; init; } = "60s";

    public override IReadOnlyList<string> ToArguments()
    {
        var args = Start("destroy");
        args.AddRange(new[] { "-input=false", "-no-color", "-auto-approve", "-lock-timeout=" + LockTimeout });
        args.AddRange(VarFiles.Select(f => "-var-file=" + f));
        return args;
    }
}
