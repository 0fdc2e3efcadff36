using Roughneck.Deployments;

namespace Roughneck.Credentials;

/// <summary>
/// The cloud token a provider needs, taken from the environment only and handed to the
/// Terraform process's environment only: never a variable, a file or an argument.
/// </summary>
public static class CloudCredentials
{
    public static readonly IReadOnlyDictionary<string, string[]> Passed = new Dictionary<string, string[]>
    {
        ["hetzner"] = new[] { "HCLOUD_TOKEN" },
        ["digitalocean"] = new[] { "DIGITALOCEAN_TOKEN", "DIGITALOCEAN_ACCESS_TOKEN" },
        ["aws"] = new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE" },
        ["local"] = Array.Empty<string>(),
    };

    /// <summary>Values that must never be printed (tokens, keys), for the redactor.</summary>
    public static readonly IReadOnlySet<string> SecretNames = new HashSet<string>
    {
        "HCLOUD_TOKEN", "DIGITALOCEAN_TOKEN", "DIGITALOCEAN_ACCESS_TOKEN", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "PG_CONN_STR",
    };

    /// <summary>
    /// Checks that the provider's credentials are present; returns what to pass to Terraform.
    /// The environment wins; the local store is opened only when the environment lacks something
    /// and the store file exists (so CI, which sets the environment, never needs age).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ForTerraform(DeploymentSpec spec, IReadOnlyDictionary<string, string> environment,
        ICredentialSource? store = null)
    {
        environment = CredentialMerge.Complete(environment, env => Missing(spec, env) is null, store);
        string? Get(string name) => environment.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        if (Missing(spec, environment) is { } missing)
        {
            var hint = store switch
            {
                null => "",
                { Exists: true } => $" It is in neither the environment nor the credential store {store.Location}.",
                _ => " Locally you can keep it in the age-encrypted credential store instead: ./build.sh --target=Credentials --set=NAME (docs/credentials.md).",
            };
            throw new InvalidOperationException($"Init stopped before running Terraform: {missing}.{hint}");
        }
        var passed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Passed[spec.Provider])
        {
            if (Get(name) is { } value) passed[name] = value;
        }
        if (spec.State.Backend == "pg") passed["PG_CONN_STR"] = Get("PG_CONN_STR")!;
        if (spec.State.Backend == "s3")
        {
            // The s3 backend reads the AWS variables, whatever the provider (an S3-compatible
            // store's keys go in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY too).
            foreach (var name in Passed["aws"])
            {
                if (Get(name) is { } value) passed[name] = value;
            }
        }
        return passed;
    }

    /// <summary>What the provider (and a pg state backend) lacks in this environment, or null.</summary>
    private static string? Missing(DeploymentSpec spec, IReadOnlyDictionary<string, string> environment)
    {
        string? Get(string name) => environment.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        var missing = spec.Provider switch
        {
            "hetzner" when Get("HCLOUD_TOKEN") is null =>
                "HCLOUD_TOKEN is not set: create an API token (read & write) in the Hetzner Cloud console under Security > API tokens and export HCLOUD_TOKEN",
            "digitalocean" when Get("DIGITALOCEAN_TOKEN") is null && Get("DIGITALOCEAN_ACCESS_TOKEN") is null =>
                "DIGITALOCEAN_TOKEN is not set: create a personal access token with write scope and export DIGITALOCEAN_TOKEN",
            "aws" when Get("AWS_PROFILE") is null && (Get("AWS_ACCESS_KEY_ID") is null || Get("AWS_SECRET_ACCESS_KEY") is null) =>
                "AWS credentials are not set: export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE",
            _ => null,
        };
        if (missing is null && spec.State.Backend == "pg" && Get("PG_CONN_STR") is null)
        {
            missing = "state.backend is pg but PG_CONN_STR is not set";
        }
        if (missing is null && spec.State.Backend == "s3" && Get("AWS_PROFILE") is null && (Get("AWS_ACCESS_KEY_ID") is null || Get("AWS_SECRET_ACCESS_KEY") is null))
        {
            missing = spec.State.Endpoint.Length > 0
                ? $"state.backend is s3 at {spec.State.Endpoint} but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (that store's access key and secret) are not set"
                : "state.backend is s3 but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) are not set";
        }
        return missing;
    }
}
