using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Roughneck.Tests.TestSupport;

/// <summary>One scripted answer of the fake API.</summary>
public sealed record FakeAnswer(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan? Delay = null)
{
    public static FakeAnswer Json(string body) => new(200, body);
}

/// <summary>
/// A provider API on 127.0.0.1 (HttpListener on a free port) answering from a routing function
/// with the documented response shapes; it records every request's path, query and
/// Authorization header, so tests can see what was asked and with which credentials.
/// </summary>
public sealed class FakeApi : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<string, FakeAnswer> _route;
    private readonly CancellationTokenSource _stop = new();

    public FakeApi(Func<string, FakeAnswer> route, string prefixPath = "/")
    {
        _route = route;
        var port = FreePort();
        Root = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add($"{Root}/");
        _listener.Start();
        _ = Task.Run(LoopAsync);
        BaseUrl = Root + prefixPath.TrimEnd('/');
    }

    /// <summary>http://127.0.0.1:port</summary>
    public string Root { get; }

    /// <summary>Root plus the API prefix (for example /v1 for Hetzner).</summary>
    public string BaseUrl { get; }

    public ConcurrentQueue<(string PathAndQuery, string? Authorization)> Requests { get; } = new();

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested || !_listener.IsListening)
            {
                return;
            }
            _ = Task.Run(async () => await AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var pathAndQuery = context.Request.Url!.PathAndQuery;
        Requests.Enqueue((pathAndQuery, context.Request.Headers["Authorization"]));
        var answer = _route(pathAndQuery);
        try
        {
            if (answer.Delay is { } delay) await Task.Delay(delay, _stop.Token);
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = "application/json";
            foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
            var bytes = Encoding.UTF8.GetBytes(answer.Body.Replace("{ROOT}", Root, StringComparison.Ordinal));
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception)
        {
            // the client gave up (timeout tests) or the server is stopping
        }
    }

    private static int FreePort()
    {
        var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
    }
}
