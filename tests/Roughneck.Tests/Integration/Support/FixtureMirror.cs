using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

using Roughneck.Tests.TestSupport;

namespace Roughneck.Tests.Integration.Support;

/// <summary>
/// The fixture download mirror (tests/fixtures/mirror): stand-ins, with the real file names,
/// for the artifacts this machine cannot download, served on loopback.
/// </summary>
internal sealed class FixtureMirror : IDisposable
{
    private readonly Process _server;

    private FixtureMirror(string dir, int port, Process server)
    {
        Dir = dir;
        Port = port;
        _server = server;
    }

    public string Dir { get; }
    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}";
    public string OverridesJson => File.ReadAllText(Path.Combine(Dir, "overrides.json"));

    public static FixtureMirror Start()
    {
        var dir = Directory.CreateTempSubdirectory("rn-mirror-").FullName;
        var (exit, output) = ProcessCapture.Run("/usr/bin/python3", RepoRoot.Path,
            RepoRoot.Combine("tests", "fixtures", "mirror", "build-mirror.py"), "--out", dir);
        if (exit != 0) throw new InvalidOperationException("build-mirror.py failed:\n" + output);
        var port = FreePort();
        var server = Process.Start(new ProcessStartInfo("/usr/bin/python3",
            new[] { "-m", "http.server", "--bind", "127.0.0.1", "--directory", dir, port.ToString() })
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        for (var i = 0; i < 50; i++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                break;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        return new FixtureMirror(dir, port, server);
    }

    /// <summary>A loopback TCP port that was free a moment ago.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        try { _server.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _server.Dispose();
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
