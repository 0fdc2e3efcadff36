namespace Roughneck.Deployments;

public enum SpecValueType
{
    String,
    Integer,
    Boolean,
    StringList,
    StringMap,
    AnyMap,
}

/// <summary>One settable key of a deployment spec, addressed by its dotted path.</summary>
public sealed record SpecKey(string Path, SpecValueType Type, string Description, string DefaultText)
{
    /// <summary>ssh.allowed_cidrs -> ROUGHNECK_SSH_ALLOWED_CIDRS</summary>
    public string EnvironmentVariable => "ROUGHNECK_" + Normalize(Path).ToUpperInvariant();

    /// <summary>ssh.allowed_cidrs -> --ssh-allowed-cidrs</summary>
    public string ArgumentName => Normalize(Path).Replace('_', '-');

    /// <summary>Maps can only be written in YAML; everything else can be overridden.</summary>
    public bool Overridable => Type is not (SpecValueType.StringMap or SpecValueType.AnyMap);

    public static string Normalize(string name) =>
        name.ToLowerInvariant().Replace('.', '_').Replace('-', '_');
}
