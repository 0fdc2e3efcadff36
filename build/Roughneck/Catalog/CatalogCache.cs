using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Roughneck.Deployments;

namespace Roughneck.Catalog;

/// <summary>
/// The live answers, one file per provider and API base under build/.cache/catalog, used for a
/// day. It holds prices and availability only, never a token.
/// </summary>
public sealed class CatalogCache
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly string _dir;
    private readonly Func<DateTimeOffset> _now;

    public CatalogCache(string dir, Func<DateTimeOffset>? now = null)
    {
        _dir = dir;
        _now = now ?? (() => DateTimeOffset.UtcNow);
    }

    public string PathFor(string provider, string endpoint) =>
        Path.Combine(_dir, $"{provider}-{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint)))[..12].ToLowerInvariant()}.json");

    public CatalogSnapshot? Read(string provider, string endpoint)
    {
        var path = PathFor(provider, endpoint);
        if (!File.Exists(path) || _now() - File.GetLastWriteTimeUtc(path) > MaxAge) return null;
        try
        {
            return JsonSerializer.Deserialize<CatalogSnapshot>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null; // a damaged cache is refetched
        }
    }

    public void Write(string provider, string endpoint, CatalogSnapshot snapshot)
    {
        Directory.CreateDirectory(_dir);
        SecureFiles.Write(PathFor(provider, endpoint), JsonSerializer.Serialize(snapshot, Json));
    }
}
