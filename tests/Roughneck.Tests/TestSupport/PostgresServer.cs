using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Roughneck.Tests.TestSupport;

/// <summary>
/// A throwaway PostgreSQL server from Debian's packages (initdb + pg_ctl), on a loopback port
/// and a socket folder of its own under the temp folder, with trust authentication for its
/// superuser <c>postgres</c>. PostgreSQL refuses to run as root, so as root it runs as
/// <c>nobody</c>. Dispose stops it and removes its folder; a watcher stops it too when the test
/// process dies without disposing it.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string Superuser = "postgres";
    private readonly string _binDir;
    private bool _stopped;

    private PostgresServer(string binDir, string dir, int port)
    {
        _binDir = binDir;
        Dir = dir;
        Port = port;
    }

    /// <summary>The folder holding data/, the socket and server.log.</summary>
    public string Dir { get; }

    public int Port { get; }

    public string DataDir => System.IO.Path.Combine(Dir, "data");

    public string SocketDir => System.IO.Path.Combine(Dir, "socket");

    public string LogFile => System.IO.Path.Combine(Dir, "server.log");

    /// <summary>A libpq URL of a database on this server, the form PG_CONN_STR takes.</summary>
    public string ConnectionString(string database = "postgres") =>
        string.Create(CultureInfo.InvariantCulture, $"postgres://{Superuser}@127.0.0.1:{Port}/{database}?sslmode=disable");

    /// <summary>
    /// The bin folder of the newest installed server (/usr/lib/postgresql/&lt;version&gt;/bin,
    /// which is not on PATH), or ROUGHNECK_PG_BIN; null when none is installed.
    /// </summary>
    public static string? FindBinDir()
    {
        var configured = Environment.GetEnvironmentVariable("ROUGHNECK_PG_BIN");
        if (!string.IsNullOrEmpty(configured)) return HasServer(configured) ? configured : null;
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return null;
        return Directory.GetDirectories(root)
            .Select(d => (Version: int.TryParse(System.IO.Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1, Bin: System.IO.Path.Combine(d, "bin")))
            .Where(c => c.Version > 0 && HasServer(c.Bin))
            .OrderByDescending(c => c.Version)
            .Select(c => c.Bin)
            .FirstOrDefault();
    }

    private static bool HasServer(string bin) =>
        new[] { "initdb", "pg_ctl", "postgres", "psql" }.All(t => File.Exists(System.IO.Path.Combine(bin, t)));

    /// <summary>Creates a cluster and starts it; throws with the server log when it does not come up.</summary>
    public static PostgresServer Start(string binDir)
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "roughneck-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        Directory.CreateDirectory(System.IO.Path.Combine(dir, "socket"));
        if (RunsAsRoot)
        {
            Checked("chown", "-R", "nobody:nogroup", dir);
        }
        Checked(RunAs(System.IO.Path.Combine(binDir, "initdb"), "-D", System.IO.Path.Combine(dir, "data"), "-U", Superuser,
            "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"));
        // A free port can be taken between asking and binding: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var server = new PostgresServer(binDir, dir, FreeLoopbackPort());
            var (exit, output) = server.PgCtl("start", "-w", "-t", "30", "-l", server.LogFile, "-o",
                string.Create(CultureInfo.InvariantCulture,
                    $"-c listen_addresses=127.0.0.1 -p {server.Port} -k {server.SocketDir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off"));
            if (exit == 0)
            {
                server.WatchTestProcess();
                return server;
            }
            var log = File.Exists(server.LogFile) ? File.ReadAllText(server.LogFile) : "";
            if (attempt >= 3 || !log.Contains("could not bind", StringComparison.Ordinal))
            {
                server.Dispose();
                throw new InvalidOperationException($"PostgreSQL did not start (pg_ctl exit {exit}):\n{output}\n{log}");
            }
        }
    }

    /// <summary>Runs SQL with psql as the superuser; returns the unaligned, tuples-only output.</summary>
    public string Sql(string sql, string database = "postgres")
    {
        var (exit, output) = Run(RunAs(System.IO.Path.Combine(_binDir, "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
            "-h", SocketDir, "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", Superuser, "-d", database, "-c", sql));
        if (exit != 0) throw new InvalidOperationException($"psql failed (exit {exit}) on: {sql}\n{output}");
        return output.Trim();
    }

    /// <summary>Creates a database and returns its connection string.</summary>
    public string CreateDatabase(string name)
    {
        Sql($"CREATE DATABASE \"{name}\"");
        return ConnectionString(name);
    }

    /// <summary>The schemas of a database other than PostgreSQL's own.</summary>
    public IReadOnlyList<string> Schemas(string database = "postgres") =>
        Sql("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema', 'public') ORDER BY 1", database)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose()
    {
        if (!_stopped && File.Exists(System.IO.Path.Combine(DataDir, "postmaster.pid")))
        {
            PgCtl("stop", "-m", "fast", "-w", "-t", "30");
        }
        _stopped = true;
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private (int Exit, string Output) PgCtl(params string[] arguments) =>
        Run(RunAs(System.IO.Path.Combine(_binDir, "pg_ctl"), new[] { "-D", DataDir }.Concat(arguments).ToArray()));

    /// <summary>
    /// A detached shell that stops the server when this test process is gone (killed, crashed):
    /// a throwaway server must never outlive its tests.
    /// </summary>
    private void WatchTestProcess()
    {
        var stop = string.Join(' ', RunAs(System.IO.Path.Combine(_binDir, "pg_ctl"), "-D", DataDir, "stop", "-m", "immediate").Select(Quote));
        var script = "exec </dev/null >/dev/null 2>&1; " +
                     $"while kill -0 {Environment.ProcessId} 2>/dev/null && [ -e {Quote(DataDir)} ]; do sleep 2; done; " +
                     $"if [ -e {Quote(System.IO.Path.Combine(DataDir, "postmaster.pid"))} ]; then {stop}; rm -rf {Quote(Dir)}; fi";
        var start = new ProcessStartInfo("setsid", new[] { "bash", "-c", script })
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var watcher = Process.Start(start);
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static bool RunsAsRoot => Environment.UserName == "root";

    private static string[] RunAs(string program, params string[] arguments) =>
        RunsAsRoot
            ? new[] { "runuser", "-u", "nobody", "--", program }.Concat(arguments).ToArray()
            : new[] { program }.Concat(arguments).ToArray();

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Checked(params string[] command)
    {
        var (exit, output) = Run(command);
        if (exit != 0) throw new InvalidOperationException($"{string.Join(' ', command)} failed (exit {exit}):\n{output}");
    }

    private static (int Exit, string Output) Run(string[] command)
    {
        var start = new ProcessStartInfo(command[0], command.Skip(1))
        {
            WorkingDirectory = "/",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out\n" + stdout.Result + stderr.Result);
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
