namespace Roughneck.Terraform;

/// <summary>terraform state list: the addresses of the resources the state holds.</summary>
public sealed record TerraformStateListSettings : TerraformSettings
{
    public override IReadOnlyList<string> ToArguments() => Start("state").Concat(new[] { "list", "-no-color" }).ToList();
}

/// <summary>terraform state pull: the raw state on standard output ("" when the backend has none yet).</summary>
public sealed record TerraformStatePullSettings : TerraformSettings
{
    public override IReadOnlyList<string> ToArguments() => Start("state").Append("pull").ToList();
}

/// <summary>terraform state push FILE: writes a state to the backend (used for the empty first state on pg).</summary>
public sealed record TerraformStatePushSettings : TerraformSettings
{
    public required string StateFile { get; init; }
    public string LockTimeout { get; init; } = "60s";

    public override IReadOnlyList<string> ToArguments() =>
        Start("state").Concat(new[] { "push", "-lock-timeout=" + LockTimeout, StateFile }).ToList();
}

/// <summary>terraform version -json.</summary>
public sealed record TerraformVersionSettings : TerraformSettings
{
    public override IReadOnlyList<string> ToArguments() => Start("version").Append("-json").ToList();
}
