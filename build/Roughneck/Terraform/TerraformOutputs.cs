using System.Globalization;
using System.Text.Json;

namespace Roughneck.Terraform;

/// <summary>The outputs every root module exposes, whatever the cloud (docs/CONTRACTS.md).</summary>
public sealed record TerraformOutputs(
    string Address,
    int Port,
    string User,
    string HostKeyFingerprint,
    string ServerId,
    string Region,
    string Size,
    string HttpProxy)
{
    public static readonly IReadOnlyList<string> Names = new[]
    {
        "address", "port", "user", "host_key_fingerprint", "server_id", "region", "size", "http_proxy",
    };

    /// <summary>Parses `terraform output -json` (name -> {value, type, sensitive}).</summary>
    public static TerraformOutputs Parse(string outputJson)
    {
        using var document = JsonDocument.Parse(outputJson);
        var root = document.RootElement;
        var missing = Names.Where(n => !root.TryGetProperty(n, out _)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                missing.Count == Names.Count
                    ? "terraform has no outputs: the deployment is not applied"
                    : "the root module lacks the outputs " + string.Join(", ", missing));
        }
        string S(string name)
        {
            var value = root.GetProperty(name).GetProperty("value");
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!,
                JsonValueKind.Null => "",
                _ => value.GetRawText(),
            };
        }
        return new TerraformOutputs(S("address"), int.Parse(S("port"), CultureInfo.InvariantCulture), S("user"),
            S("host_key_fingerprint"), S("server_id"), S("region"), S("size"), S("http_proxy"));
    }

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });

    public static TerraformOutputs? ReadFile(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<TerraformOutputs>(File.ReadAllText(path)) : null;
}
