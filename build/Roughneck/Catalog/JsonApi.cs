using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Roughneck.Catalog;

/// <summary>
/// GETs JSON from one provider API base URL with the token in the Authorization header only.
/// 401 fails at once; 429 waits for Retry-After (bounded) and tries again; a slow answer fails
/// after the timeout. Requests go only to the configured base, so a pagination link elsewhere
/// never receives the token.
/// </summary>
public sealed class JsonApi
{
    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly string _name;
    private readonly TimeSpan _maxRetryWait;

    public JsonApi(string name, string baseUrl, string token, TimeSpan timeout, HttpMessageHandler? handler = null, TimeSpan? maxRetryWait = null)
    {
        _name = name;
        _base = new Uri(baseUrl.TrimEnd('/') + "/");
        _maxRetryWait = maxRetryWait ?? TimeSpan.FromSeconds(30);
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = timeout;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("roughneck-catalog");
    }

    public Uri Base => _base;

    /// <summary>A path relative to the base ("server_types?page=1") or an absolute URL under it.</summary>
    public async Task<JsonDocument> GetAsync(string pathOrUrl, CancellationToken ct)
    {
        var uri = Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) ? absolute : new Uri(_base, pathOrUrl.TrimStart('/'));
        if (!_base.IsBaseOf(uri))
        {
            throw new CatalogApiException($"{_name} API pointed to {uri.GetLeftPart(UriPartial.Path)}, outside {_base}; not following it with the token");
        }
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await _http.GetAsync(uri, ct);
            }
            catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
            {
                throw new CatalogApiException($"{_name} API did not answer {uri.AbsolutePath} within {_http.Timeout.TotalSeconds:0.#} s", e);
            }
            catch (HttpRequestException e)
            {
                throw new CatalogApiException($"{_name} API {uri.GetLeftPart(UriPartial.Path)} is unreachable: {e.Message}", e);
            }
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    throw new CatalogApiException($"{_name} API rejected the token (401 Unauthorized) for {uri.AbsolutePath}: check that it is valid and not revoked");
                }
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var wait = RetryAfter(response);
                    if (attempt >= 3 || wait > _maxRetryWait)
                    {
                        throw new CatalogApiException($"{_name} API rate limit reached (429); it asks to retry after {wait.TotalSeconds:0} s");
                    }
                    await Task.Delay(wait, ct);
                    continue;
                }
                var body = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode)
                {
                    throw new CatalogApiException($"{_name} API answered {(int)response.StatusCode} {response.ReasonPhrase} for {uri.AbsolutePath}: {ErrorText(body)}");
                }
                try
                {
                    return JsonDocument.Parse(body);
                }
                catch (JsonException e)
                {
                    throw new CatalogApiException($"{_name} API answered {uri.AbsolutePath} with something other than JSON", e);
                }
            }
        }
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta) return delta;
        if (response.Headers.RetryAfter?.Date is { } date) return date - DateTimeOffset.UtcNow is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero;
        // Hetzner documents RateLimit-Reset (a Unix time) rather than Retry-After.
        if (response.Headers.TryGetValues("RateLimit-Reset", out var values)
            && long.TryParse(values.First(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset))
        {
            var d = DateTimeOffset.FromUnixTimeSeconds(reset) - DateTimeOffset.UtcNow;
            return d > TimeSpan.Zero ? d : TimeSpan.Zero;
        }
        return TimeSpan.FromSeconds(1);
    }

    /// <summary>Both APIs answer errors as JSON with a message; a short excerpt otherwise.</summary>
    private static string ErrorText(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.TryGetProperty("error", out var e) && e.TryGetProperty("message", out var m)) return m.GetString() ?? "";
            if (root.TryGetProperty("message", out var message)) return message.GetString() ?? "";
        }
        catch (JsonException)
        {
        }
        return body.Length > 200 ? body[..200] : body;
    }
}
