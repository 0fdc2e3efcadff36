using Roughneck.Deployments;

namespace Roughneck.Operator;

/// <summary>What New writes: the deployment's name and the chosen values by dotted path.</summary>
public sealed record NewDeployment(string Name, IReadOnlyDictionary<string, object> Values);

/// <summary>
/// New's questions, in order: name, provider, region, size, features, SSH CIDRs, TLS, state, tags.
/// Each is answered by its flag when given, else asked on a terminal; without one, every missing
/// required value is reported in a single error. Writes nothing: NewStep does, once all is valid.
/// </summary>
public sealed class NewWizard
{
    private readonly SpecSchema _schema;
    private readonly ProviderCatalog _catalog;
    private readonly string _deploymentsDir;
    private readonly IWizardPrompts? _prompts;
    private readonly Func<ProviderInfo, string, SizeChoices> _sizes;
    private readonly List<string> _missing = new();
    private readonly List<SpecProblem> _problems = new();
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);

    /// <param name="sizes">the sizes to offer for a provider and region (the live catalog in NewStep).</param>
    public NewWizard(SpecSchema schema, ProviderCatalog catalog, string deploymentsDir, IWizardPrompts? prompts, Func<ProviderInfo, string, SizeChoices> sizes)
    {
        _schema = schema;
        _catalog = catalog;
        _deploymentsDir = deploymentsDir;
        _prompts = prompts;
        _sizes = sizes;
    }

    /// <param name="name">--deployment, or null when not given.</param>
    /// <param name="flags">spec keys given as arguments (argument name -> text).</param>
    /// <param name="tags">--tags=key:value,... (the fleet's syntax), or null.</param>
    public NewDeployment Run(string? name, IReadOnlyDictionary<string, string> flags, IReadOnlyDictionary<string, string>? tags)
    {
        foreach (var (argument, text) in flags)
        {
            var key = _schema.FindByNormalized(argument)!;
            var value = SpecValueParser.ParseScalar(key, text, quoted: false, out var error);
            if (error is not null) _problems.Add(new SpecProblem("argument --" + key.ArgumentName, 0, key.Path, error));
            else _values[key.Path] = value!;
        }
        if (tags is not null) _values["tags"] = tags;
        Fail();

        name = AskName(name);
        var provider = AskProvider();
        if (provider is not null)
        {
            AskRegion(provider);
            AskSize(provider);
            AskFeatures();
            AskCidrs(provider);
            AskTls(provider);
        }
        AskState();
        AskTags();

        if (_missing.Count > 0)
        {
            _problems.Add(new SpecProblem("target New", 0, "",
                "cannot ask without a terminal (or with CI=true); give " + string.Join(", ", _missing.Select(m => m + "=…"))));
        }
        Fail();
        return new NewDeployment(name!, _values);
    }

    private string? AskName(string? name)
    {
        string? Check(string candidate)
        {
            if (!SpecLoader.NamePattern().IsMatch(candidate))
            {
                return $"'{candidate}' is not a valid deployment name: lower-case letters, digits and hyphens, starting with a letter, at most 32";
            }
            return File.Exists(Path.Combine(_deploymentsDir, candidate, "deployment.yaml"))
                ? $"deployments/{candidate}/deployment.yaml exists already; New never overwrites a spec (use --target=Edit --deployment={candidate})"
                : null;
        }
        if (name is not null)
        {
            if (Check(name) is { } error) throw new SpecException(new SpecProblem("argument --deployment", 0, "deployment", error));
            return name;
        }
        if (_prompts is null)
        {
            _missing.Add("--deployment");
            return null;
        }
        return _prompts.Ask("Deployment name (lower-case letters, digits, hyphens):", null, Check);
    }

    private ProviderInfo? AskProvider()
    {
        var known = SpecChoices.Providers.Where(p => _catalog.Find(p) is not null).ToList();
        if (_values.TryGetValue("provider", out var given))
        {
            var info = _catalog.Find((string)given);
            if (info is null)
            {
                throw new SpecException(new SpecProblem("argument --provider", 0, "provider",
                    $"'{given}' is not one of: {string.Join(", ", known)}", NearestName.Find((string)given, known)));
            }
            return info;
        }
        if (_prompts is null)
        {
            _missing.Add("--provider");
            return null;
        }
        var chosen = _prompts.Choose("Provider:", known, p => p switch
        {
            "local" => "local         a throwaway systemd container on this machine (no account, free)",
            "hetzner" => "hetzner       Hetzner Cloud (HCLOUD_TOKEN)",
            "aws" => "aws           Amazon EC2 (AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY or AWS_PROFILE)",
            "digitalocean" => "digitalocean  DigitalOcean droplet (DIGITALOCEAN_TOKEN)",
            _ => p,
        });
        _values["provider"] = chosen;
        return _catalog.Find(chosen)!;
    }

    private void AskRegion(ProviderInfo provider)
    {
        if (_values.ContainsKey("region") || !provider.IsCloud) return;
        if (_prompts is null)
        {
            _missing.Add("--region");
            return;
        }
        var regions = provider.Regions.OrderBy(r => r == provider.DefaultRegion ? 0 : 1).ToList();
        _values["region"] = _prompts.Choose($"Region ({provider.Name}):", regions, r => r == provider.DefaultRegion ? r + "  (default)" : r);
    }

    private void AskSize(ProviderInfo provider)
    {
        if (_values.ContainsKey("size") || !provider.IsCloud) return;
        if (_prompts is null)
        {
            _missing.Add("--size");
            return;
        }
        var region = _values.TryGetValue("region", out var r) ? (string)r : provider.DefaultRegion;
        var sizes = _sizes(provider, region);
        if (sizes.Rows.Count == 0)
        {
            throw new SpecException(new SpecProblem("target New", 0, "size", $"the {sizes.Source} offers no size Roughneck knows in {region}: choose another region"));
        }
        _prompts.Say($"Sizes of {provider.Name} in {region}, cheapest first; prices from the {sizes.Source}.");
        var chosen = _prompts.Choose("Size:", sizes.Rows, s => sizes.Describe(s) + (s.Name == provider.DefaultSize ? "  (default)" : ""));
        _values["size"] = chosen.Name;
    }

    private void AskFeatures()
    {
        var features = _schema.Features.Features;
        var anyGiven = features.Any(f => _values.ContainsKey("features." + f.Name));
        if (_prompts is not null && !anyGiven)
        {
            var on = _prompts.ChooseMany("Features (defaults are selected):", features, features.Where(f => f.Default).ToList(),
                f => $"{f.Name,-17} {f.Description}").Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var added in RequiredClosure(on))
            {
                _prompts.Say($"{added.Feature} needs {added.Required}: turned on.");
            }
            foreach (var f in features) _values["features." + f.Name] = on.Contains(f.Name);
            return;
        }
        foreach (var f in features) _values.TryAdd("features." + f.Name, f.Default);
    }

    /// <summary>Turns on what the chosen features require (features.yml `requires`), transitively.</summary>
    private List<(string Feature, string Required)> RequiredClosure(HashSet<string> on)
    {
        var added = new List<(string, string)>();
        bool changed;
        do
        {
            changed = false;
            foreach (var feature in _schema.Features.Features.Where(f => on.Contains(f.Name)).ToList())
            {
                foreach (var required in feature.Requires.Where(r => on.Add(r)))
                {
                    added.Add((feature.Name, required));
                    changed = true;
                }
            }
        }
        while (changed);
        return added;
    }

    private void AskCidrs(ProviderInfo provider)
    {
        if (_values.ContainsKey("ssh.allowed_cidrs") || !provider.IsCloud) return;
        if (_prompts is null)
        {
            _missing.Add("--ssh-allowed-cidrs");
            return;
        }
        var answer = _prompts.Ask(
            "CIDRs allowed to reach SSH, comma-separated (IPv4 and IPv6, e.g. 203.0.113.7/32, 2001:db8::/48; everyone means typing 0.0.0.0/0, ::/0):",
            null, CheckCidrs);
        _values["ssh.allowed_cidrs"] = SplitList(answer);
    }

    public static string? CheckCidrs(string answer)
    {
        var cidrs = SplitList(answer);
        if (cidrs.Count == 0) return "at least one CIDR: nobody could reach SSH otherwise";
        var bad = cidrs.FirstOrDefault(c => !SpecValidator.IsCidr(c));
        return bad is null ? null : $"'{bad}' is not a CIDR like 203.0.113.7/32 or 2001:db8::/48";
    }

    private void AskTls(ProviderInfo provider)
    {
        if (_values.TryGetValue("features.tls", out var tls) && tls is false) return;
        if (!_values.ContainsKey("tls.mode"))
        {
            if (_prompts is null || !provider.IsCloud) return; // self_signed, the default
            _values["tls.mode"] = _prompts.Choose("TLS mode:", SpecChoices.TlsModes, m => m switch
            {
                "self_signed" => "self_signed  a certificate made on the machine (browsers warn once)",
                "acme_http" => "acme_http    Let's Encrypt over HTTP (needs a domain pointing at the machine)",
                "acme_dns" => "acme_dns     Let's Encrypt over DNS (domain, DNS provider, ROUGHNECK_SECRET_DNS_TOKEN)",
                _ => m,
            });
        }
        var mode = (string)_values["tls.mode"];
        if (mode == "self_signed") return;
        AskRequiredText("tls.domain", "Domain Caddy serves (e.g. code.example.com):");
        if (!_values.ContainsKey("tls.email") && _prompts is not null)
        {
            var email = _prompts.Ask("ACME account e-mail (optional):", "", _ => null);
            if (email.Length > 0) _values["tls.email"] = email;
        }
        if (mode == "acme_dns") AskRequiredText("tls.dns_provider", "DNS provider for the ACME DNS challenge (e.g. cloudflare):");
    }

    private void AskState()
    {
        if (!_values.ContainsKey("state.backend"))
        {
            if (_prompts is null) return; // local, the default
            _values["state.backend"] = _prompts.Choose("Terraform state backend:", SpecChoices.Backends, b => b switch
            {
                "local" => "local  a file in the deployment folder (one machine runs it)",
                "s3" => "s3     an S3 bucket (runs from CI and other machines)",
                "pg" => "pg     PostgreSQL, connection string from PG_CONN_STR",
                _ => b,
            });
        }
        if ((string)_values["state.backend"] == "s3") AskRequiredText("state.bucket", "S3 bucket for the state:");
    }

    private void AskTags()
    {
        if (_values.ContainsKey("tags") || _prompts is null) return;
        var answer = _prompts.Ask("Tags on every cloud resource, key:value comma-separated (optional):", "", text =>
        {
            try
            {
                ParseTags(text, "answer");
                return null;
            }
            catch (SpecException e)
            {
                return e.Problems[0].Message;
            }
        });
        var tags = ParseTags(answer, "answer");
        if (tags.Count > 0) _values["tags"] = tags;
    }

    private void AskRequiredText(string path, string question)
    {
        if (_values.ContainsKey(path)) return;
        if (_prompts is null)
        {
            _missing.Add("--" + _schema.Find(path)!.ArgumentName);
            return;
        }
        _values[path] = _prompts.Ask(question, null, a => a.Length == 0 ? "required" : null);
    }

    public static IReadOnlyDictionary<string, string> ParseTags(string text, string source)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in SplitList(text))
        {
            var equals = pair.IndexOf(':');
            if (equals <= 0) throw new SpecException(new SpecProblem(source, 0, "tags", $"'{pair}' is not key:value"));
            tags[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
        }
        return new Dictionary<string, string>(tags, StringComparer.Ordinal);
    }

    private static List<string> SplitList(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private void Fail()
    {
        if (_problems.Count > 0) throw new SpecException(_problems.ToList());
    }
}
