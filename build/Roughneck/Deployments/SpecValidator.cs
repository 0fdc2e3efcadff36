using System.Net;
using System.Text.RegularExpressions;

namespace Roughneck.Deployments;

/// <summary>Checks the meaning of a spec whose keys and types are already right.</summary>
public sealed partial class SpecValidator
{
    private static readonly IReadOnlyList<string> Providers = SpecChoices.Providers;
    private static readonly IReadOnlyList<string> TlsModes = SpecChoices.TlsModes;
    private static readonly IReadOnlyList<string> Backends = SpecChoices.Backends;
    private static readonly IReadOnlyList<string> Binaries = SpecChoices.Binaries;

    private readonly SpecSchema _schema;
    private readonly ProviderCatalog _catalog;
    private readonly string _source;
    private readonly string _folderName;
    private readonly string? _folder;
    private readonly List<SpecProblem> _problems = new();
    private IReadOnlyDictionary<string, RawValue> _values = new Dictionary<string, RawValue>();

    /// <param name="folder">The deployment folder on disk, for checks of the files the spec names; null for a spec not yet saved.</param>
    public SpecValidator(SpecSchema schema, ProviderCatalog catalog, string source, string folderName, string? folder = null)
    {
        _folder = folder;
        _schema = schema;
        _catalog = catalog;
        _source = source;
        _folderName = folderName;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$")]
    private static partial Regex UserPattern();

    // A DNS name: labels of letters, digits and inner hyphens, at least two of them; "*." for a wildcard.
    [GeneratedRegex(@"^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex HostnamePattern();

    // local@domain with the characters an ACME account address needs; nothing a template or shell treats specially.
    [GeneratedRegex(@"^[A-Za-z0-9._%+-]{1,64}@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex DnsProviderPattern();

    [GeneratedRegex("^[0-9]+(ms|s|m|h)$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaPattern();

    [GeneratedRegex("^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$")]
    private static partial Regex TagKeyPattern();

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$|^$")]
    private static partial Regex TagValuePattern();

    public IReadOnlyList<SpecProblem> Validate(DeploymentSpec spec, IReadOnlyDictionary<string, RawValue> values)
    {
        _values = values;
        if (!SpecLoader.NamePattern().IsMatch(spec.Name))
        {
            Problem("name", $"'{spec.Name}' is not a valid deployment name: use lower-case letters, digits and hyphens, start with a letter, at most 32 characters");
        }
        else if (values.ContainsKey("name") && spec.Name != _folderName)
        {
            Problem("name", $"'{spec.Name}' must match the folder name '{_folderName}'");
        }

        if (!OneOf("provider", spec.Provider, Providers))
        {
            return _problems; // nothing provider-specific can be checked
        }
        var info = _catalog.Find(spec.Provider)!;
        var regionKnown = OneOf("region", spec.Region, info.Regions);
        if (KnownSize(info, "size", spec.Size) && regionKnown && !info.Sizes[spec.Size].SoldIn(spec.Region))
        {
            var instead = info.Sizes[spec.Size].ReplacedBy is { } named && info.Sizes[named].SoldIn(spec.Region) ? named : null;
            Problem("size", $"'{spec.Size}' is not sold in {spec.Region} (only in {string.Join(", ", info.Sizes[spec.Size].Regions!)}; terraform/catalog.yml as of {info.AsOf})", instead);
        }
        foreach (var size in spec.FallbackSizes) KnownSize(info, "fallback.sizes", size);
        foreach (var region in spec.FallbackRegions) OneOf("fallback.regions", region, info.Regions);
        if (spec.Provider != "hetzner" && (spec.FallbackSizes.Count > 0 || spec.FallbackRegions.Count > 0))
        {
            Problem("fallback.sizes", "capacity fallback is only for provider hetzner");
        }

        if (!UserPattern().IsMatch(spec.Ssh.User) || spec.Ssh.User == "root")
        {
            Problem("ssh.user", $"'{spec.Ssh.User}' is not a valid workspace user: lower-case letters, digits, '_' and '-', at most 32, and not root");
        }
        if (spec.Ssh.Port is < 1 or > 65535)
        {
            Problem("ssh.port", $"{spec.Ssh.Port} is not a TCP port (1-65535)");
        }
        ValidateCidrs(spec, info);
        ValidateAuthorizedKeys(spec);
        ValidateFeatures(spec);
        ValidateTls(spec);
        ValidateNetwork(spec);
        ValidateState(spec);
        OneOf("terraform.binary", spec.Terraform.Binary, Binaries);
        if (!DurationPattern().IsMatch(spec.Terraform.LockTimeout))
        {
            Problem("terraform.lock_timeout", $"'{spec.Terraform.LockTimeout}' is not a duration like 60s or 5m");
        }
        foreach (var cli in spec.AiClis) OneOf("ai_clis", cli, SpecBuilder.AllAiClis);
        foreach (var (key, value) in spec.Tags)
        {
            if (!TagKeyPattern().IsMatch(key) || !TagValuePattern().IsMatch(value))
            {
                Problem("tags", $"tag '{key}: {value}' must use letters, digits, '.', '_' and '-' (at most 63), keys lower-case, so that every cloud accepts it");
            }
            if (key is "managed-by" or "deployment")
            {
                Problem("tags", $"tag '{key}' is set by Roughneck itself");
            }
        }
        return _problems;
    }

    private void ValidateCidrs(DeploymentSpec spec, ProviderInfo info)
    {
        if (info.IsCloud && spec.Ssh.AllowedCidrs.Count == 0)
        {
            Problem("ssh.allowed_cidrs",
                "is empty, so nobody could reach SSH: list the CIDRs allowed in (for example your office's 203.0.113.0/24); " +
                "to allow the whole internet on purpose, write both 0.0.0.0/0 and ::/0");
        }
        foreach (var cidr in spec.Ssh.AllowedCidrs)
        {
            if (!IsCidr(cidr))
            {
                Problem("ssh.allowed_cidrs", $"'{cidr}' is not a CIDR like 203.0.113.0/24 or 2001:db8::/32");
            }
        }
    }

    public static bool IsCidr(string text)
    {
        var slash = text.IndexOf('/');
        if (slash <= 0 || !IPAddress.TryParse(text[..slash], out var address)) return false;
        if (!int.TryParse(text[(slash + 1)..], out var bits)) return false;
        var max = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32;
        return bits >= 0 && bits <= max;
    }

    private void ValidateFeatures(DeploymentSpec spec)
    {
        foreach (var feature in _schema.Features.Features.Where(f => spec.FeatureOn(f.Name)))
        {
            foreach (var required in feature.Requires.Where(r => !spec.FeatureOn(r)))
            {
                Problem("features." + feature.Name, $"needs features.{required}: true (or turn {feature.Name} off)");
            }
        }
    }

    private void ValidateTls(DeploymentSpec spec)
    {
        // These reach the Caddyfile and a file the checks source: checked whether tls is on or not.
        if (spec.Tls.Domain.Length > 0 && (spec.Tls.Domain.Length > 253 || !HostnamePattern().IsMatch(spec.Tls.Domain)))
        {
            Problem("tls.domain", $"'{Shown(spec.Tls.Domain)}' is not a host name like dev.example.com");
        }
        if (spec.Tls.Email.Length > 0 && (spec.Tls.Email.Length > 254 || !EmailPattern().IsMatch(spec.Tls.Email)))
        {
            Problem("tls.email", $"'{Shown(spec.Tls.Email)}' is not an e-mail address like ops@example.com");
        }
        if (spec.Tls.DnsProvider.Length > 0 && !DnsProviderPattern().IsMatch(spec.Tls.DnsProvider))
        {
            Problem("tls.dns_provider", $"'{Shown(spec.Tls.DnsProvider)}' is not a Caddy DNS provider name like cloudflare");
        }
        if (!OneOf("tls.mode", spec.Tls.Mode, TlsModes) || !spec.FeatureOn("tls")) return;
        if (spec.Tls.Mode != "self_signed" && string.IsNullOrEmpty(spec.Tls.Domain))
        {
            Problem("tls.domain", $"is required for tls.mode {spec.Tls.Mode}");
        }
        if (spec.Tls.Mode == "acme_dns" && string.IsNullOrEmpty(spec.Tls.DnsProvider))
        {
            Problem("tls.dns_provider", "is required for tls.mode acme_dns (the token comes from ROUGHNECK_SECRET_DNS_TOKEN)");
        }
        if (spec.IsLocal && spec.Tls.Mode != "self_signed")
        {
            Problem("tls.mode", "the local sandbox cannot be reached by a certificate authority: use self_signed");
        }
    }

    /// <summary>A bad value, printable on one line.</summary>
    private static string Shown(string value) =>
        new string(value.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray()) + (value.Length > 80 ? "…" : "");

    private void ValidateNetwork(DeploymentSpec spec)
    {
        foreach (var (path, url) in new[] { ("network.http_proxy", spec.Network.HttpProxy), ("network.mirror_url", spec.Network.MirrorUrl) })
        {
            if (url.Length > 0 && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                Problem(path, $"'{url}' is not an http(s) URL");
            }
            else if (url.Length > 0 && !string.IsNullOrEmpty(new Uri(url).UserInfo))
            {
                Problem(path, "must not carry a user or password; proxy credentials are secrets (ROUGHNECK_SECRET_*)");
            }
        }
        for (var i = 0; i < spec.Network.ExtraCaCerts.Count; i++)
        {
            var file = spec.Network.ExtraCaCerts[i];
            if (Path.IsPathRooted(file) || file.Contains(".."))
            {
                ItemProblem("network.extra_ca_certs", i, $"'{file}' must be a path inside the deployment folder");
            }
            else if (_folder is not null && CertificateFileProblem(Path.Combine(_folder, file)) is { } problem)
            {
                ItemProblem("network.extra_ca_certs", i, $"'{file}' {problem}");
            }
        }
    }

    /// <summary>Checked before anything starts: Provision would otherwise meet it after Apply made a machine.</summary>
    private static string? CertificateFileProblem(string path)
    {
        if (Directory.Exists(path)) return "is a directory, not a PEM certificate file";
        if (!File.Exists(path)) return "does not exist in the deployment folder";
        try
        {
            return File.ReadAllText(path).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? null
                : "is not a PEM certificate (no -----BEGIN CERTIFICATE----- line)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "cannot be read: " + e.Message;
        }
    }

    /// <summary>A problem with one item of a list, at that item's own line where the YAML gives it.</summary>
    private void ItemProblem(string path, int index, string message)
    {
        if (_values.TryGetValue(path, out var raw))
        {
            var line = raw.ItemLines is { } lines && index < lines.Count ? lines[index] : raw.Line;
            _problems.Add(new SpecProblem(raw.Source, line, path, message));
        }
        else
        {
            Problem(path, message);
        }
    }

    private void ValidateAuthorizedKeys(DeploymentSpec spec)
    {
        for (var i = 0; i < spec.Ssh.AuthorizedKeys.Count; i++)
        {
            if (Ssh.PublicKeyLine.Problem(spec.Ssh.AuthorizedKeys[i]) is not { } problem) continue;
            if (_values.TryGetValue("ssh.authorized_keys", out var raw))
            {
                var line = raw.ItemLines is { } lines && i < lines.Count ? lines[i] : raw.Line;
                _problems.Add(new SpecProblem(raw.Source, line, "ssh.authorized_keys", $"item {i + 1}: {problem}"));
            }
            else
            {
                Problem("ssh.authorized_keys", $"item {i + 1}: {problem}");
            }
        }
    }

    private void ValidateState(DeploymentSpec spec)
    {
        if (!OneOf("state.backend", spec.State.Backend, Backends)) return;
        if (spec.State.Backend == "s3" && string.IsNullOrEmpty(spec.State.Bucket))
        {
            Problem("state.bucket", "is required for state.backend s3");
        }
        if (spec.State.Backend == "s3" && string.IsNullOrEmpty(spec.State.Region))
        {
            Problem("state.region",
                $"is required for state.backend s3 when the provider is {spec.Provider}: the bucket's region has nothing to do with the machine's " +
                "(Hetzner Object Storage: fsn1, nbg1 or hel1; DigitalOcean Spaces: nyc3, ams3, sgp1, ...; MinIO: us-east-1)");
        }
        if (spec.State.Endpoint.Length > 0 && spec.State.Backend != "s3")
        {
            Problem("state.endpoint", "is only for state.backend s3");
        }
        if (spec.State.Endpoint.Length > 0
            && !(Uri.TryCreate(spec.State.Endpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "https" or "http" && endpoint.Host.Length > 0))
        {
            Problem("state.endpoint", $"'{spec.State.Endpoint}' is not an http(s) URL like https://fsn1.your-objectstorage.com");
        }
        if (spec.State.Backend == "pg" && !SchemaPattern().IsMatch(spec.State.Schema))
        {
            Problem("state.schema", $"'{spec.State.Schema}' is not a PostgreSQL schema name (lower-case letters, digits, '_')");
        }
    }

    /// <summary>A size of the catalog; a removed one is named with its successor.</summary>
    private bool KnownSize(ProviderInfo info, string path, string size)
    {
        if (info.Removed.TryGetValue(size, out var successor))
        {
            Problem(path, $"'{size}' was removed by {info.Name} and can no longer be ordered; use {successor}", successor);
            return false;
        }
        return OneOf(path, size, info.Sizes.Keys);
    }

    private bool OneOf(string path, string value, IEnumerable<string> valid)
    {
        var list = valid.ToList();
        if (list.Contains(value, StringComparer.Ordinal)) return true;
        Problem(path, $"'{value}' is not one of: {string.Join(", ", list)}", NearestName.Find(value, list));
        return false;
    }

    private void Problem(string path, string message, string? suggestion = null)
    {
        if (_values.TryGetValue(path, out var raw))
        {
            _problems.Add(new SpecProblem(raw.Source, raw.Line, path, message, suggestion));
        }
        else
        {
            _problems.Add(new SpecProblem(_source, 0, path, message, suggestion));
        }
    }
}
