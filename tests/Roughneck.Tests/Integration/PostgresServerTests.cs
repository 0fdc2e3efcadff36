using System.Net.Sockets;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>The throwaway PostgreSQL fixture itself: it serves SQL, and leaves nothing running or on disk.</summary>
public sealed class PostgresServerTests
{
    [SkippableFact]
    public void Serves_databases_and_is_gone_after_dispose()
    {
        var bin = Requirements.Postgres();
        string dir;
        int port;
        using (var server = PostgresServer.Start(bin))
        {
            dir = server.Dir;
            port = server.Port;
            Assert.Equal("1", server.Sql("SELECT 1"));
            var url = server.CreateDatabase("roughneck_fixture");
            Assert.EndsWith("/roughneck_fixture?sslmode=disable", url, StringComparison.Ordinal);
            server.Sql("CREATE SCHEMA probe", "roughneck_fixture");
            Assert.Equal(new[] { "probe" }, server.Schemas("roughneck_fixture"));
            Assert.Empty(server.Schemas());
            Assert.True(PortOpen(port), "the server listens on its loopback port");
        }
        Assert.False(Directory.Exists(dir), $"{dir} is removed");
        Assert.False(PortOpen(port), $"nothing listens on 127.0.0.1:{port} any more");
    }

    private static bool PortOpen(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
