using System.Collections;

namespace Roughneck.Processes;

/// <summary>
/// Cloud tokens exported in the operator's shell are for Terraform only: every other child
/// (ansible, ssh, git, age) starts without them, whatever the parent's environment holds.
/// </summary>
public static class ChildEnvironment
{
    private static readonly string[] CloudTokenNames = { "HCLOUD_TOKEN", "DIGITALOCEAN_TOKEN", "DIGITALOCEAN_ACCESS_TOKEN" };

    /// <summary>Secrets Roughneck itself reads and no child needs, Terraform included (ssh gets the key as a 0600 file).</summary>
    private static readonly string[] NeverInherited = { "ROUGHNECK_SSH_PRIVATE_KEY" };

    public static bool IsCloudToken(string name) =>
        CloudTokenNames.Contains(name, StringComparer.Ordinal) || name.StartsWith("AWS_", StringComparison.Ordinal);

    /// <summary>
    /// The variables to set for a child: the spec's own, plus null (= unset) for every cloud token
    /// the parent has that the spec does not pass explicitly. Terraform keeps what it inherits.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> For(ProcessSpec spec, IEnumerable<string> inherited)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (spec.Environment is not null)
        {
            foreach (var (key, value) in spec.Environment) env[key] = value;
        }
        var names = inherited.ToList();
        foreach (var name in names.Where(n => NeverInherited.Contains(n, StringComparer.Ordinal) && !env.ContainsKey(n))) env[name] = null;
        if (spec.InheritsCloudTokens) return env;
        foreach (var name in names)
        {
            if (IsCloudToken(name) && !env.ContainsKey(name)) env[name] = null;
        }
        return env;
    }

    /// <summary>The names of this process's environment variables.</summary>
    public static IEnumerable<string> Current() =>
        System.Environment.GetEnvironmentVariables().Keys.Cast<object>().Select(k => k.ToString()!).ToList();

    /// <summary>Removes the cloud tokens from a ProcessStartInfo's environment (interactive children).</summary>
    public static void Scrub(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.Where(n => IsCloudToken(n) || NeverInherited.Contains(n, StringComparer.Ordinal)).ToList()) environment.Remove(name);
    }
}
