using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace ReportBot.Data.Embedded;

/// <summary>
/// A private PostgreSQL cluster run from the machine's own PostgreSQL binaries (initdb, pg_ctl), in a data folder of
/// its own, listening only on a free loopback port. Used by `dotnet run` when no connection string is configured, and
/// by the tests for a throwaway database. The cluster is reused when the folder already holds one, so data survives
/// restarts; <see cref="DisposeAsync"/> stops it.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root, so when we are root the cluster belongs to the unprivileged `postgres` user
/// (created by Debian's package) and every PostgreSQL binary is run through `runuser`. As an ordinary user the
/// binaries run as that user.
/// </remarks>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    const string Superuser = "reportbot";
    const string ServiceUser = "postgres";

    readonly string _root;
    readonly string _dataDirectory;
    readonly string _binDirectory;
    readonly bool _deleteOnDispose;
    bool _startedHere;

    EmbeddedPostgres(string root, string binDirectory, bool deleteOnDispose)
    {
        _root = root;
        _dataDirectory = Path.Combine(root, "data");
        _binDirectory = binDirectory;
        _deleteOnDispose = deleteOnDispose;
    }

    public int Port { get; private set; }

    /// <summary>The connection string of the cluster's superuser, to the given database.</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Password = File.ReadAllText(PasswordFile).Trim(),
        Database = database,
    }.ConnectionString;

    string PasswordFile => Path.Combine(_root, "password");

    static bool RunningAsRoot => Environment.IsPrivilegedProcess; // the effective user, whatever $USER says

    /// <summary>Starts (creating it first if needed) the cluster in <paramref name="root"/>.</summary>
    public static async Task<EmbeddedPostgres> StartAsync(string root, bool deleteOnDispose = false, CancellationToken ct = default)
    {
        var pg = new EmbeddedPostgres(Path.GetFullPath(root), FindBinDirectory(), deleteOnDispose);
        await pg.StartAsync(ct);
        return pg;
    }

    /// <summary>
    /// A fresh cluster in a temporary folder, deleted on dispose: for tests, which may run many apps side by side and
    /// so ask for more connections than one ReportBot needs.
    /// </summary>
    public static async Task<EmbeddedPostgres> StartThrowawayAsync(int maxConnections = DefaultMaxConnections, CancellationToken ct = default)
    {
        var pg = new EmbeddedPostgres(Path.Combine(Path.GetTempPath(), "reportbot-pg-" + Guid.NewGuid().ToString("N")[..12]), FindBinDirectory(),
            deleteOnDispose: true) { _maxConnections = maxConnections };
        await pg.StartAsync(ct);
        return pg;
    }

    /// <summary>Enough for one ReportBot's pool (100) with room for the command line and psql beside it.</summary>
    const int DefaultMaxConnections = 200;

    int _maxConnections = DefaultMaxConnections;

    /// <summary>Where the embedded cluster lives by default: a folder the unprivileged service user can reach.</summary>
    public static string DefaultRoot() => RunningAsRoot
        // /root is closed to other users, and the cluster must belong to `postgres` when we are root.
        ? "/var/lib/reportbot/postgres"
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "reportbot", "postgres");

    async Task StartAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_root);
        if (RunningAsRoot)
            await RunAsync("chown", ct, "-R", $"{ServiceUser}:", _root);

        if (!File.Exists(Path.Combine(_dataDirectory, "PG_VERSION")))
            await InitAsync(ct);

        if (ReadRunningPort() is { } runningPort)
        {
            // A previous run was killed without stopping its cluster: use it rather than fight over the folder.
            Port = runningPort;
            return;
        }

        Port = FreeLoopbackPort();
        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections={_maxConnections} -c fsync=on";
        await RunPgAsync("pg_ctl", ct, "start", "-w", "-t", "60", "-D", _dataDirectory, "-l", Path.Combine(_root, "postgres.log"), "-o", options);
        _startedHere = true;
    }

    async Task InitAsync(CancellationToken ct)
    {
        if (!File.Exists(PasswordFile))
            await File.WriteAllTextAsync(PasswordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(), ct);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (RunningAsRoot)
            await RunAsync("chown", ct, $"{ServiceUser}:", PasswordFile);

        if (Directory.Exists(_dataDirectory))
            Directory.Delete(_dataDirectory, recursive: true); // a half-made cluster from an interrupted initdb
        await RunPgAsync("initdb", ct, "-D", _dataDirectory, "-U", Superuser, "--pwfile", PasswordFile,
            "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8");
    }

    /// <summary>The port of a cluster already running from our folder, from its postmaster.pid (line 4).</summary>
    int? ReadRunningPort()
    {
        var pidFile = Path.Combine(_dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
            return null;
        var lines = File.ReadAllLines(pidFile);
        if (lines.Length < 4 || !int.TryParse(lines[0], out var pid) || !int.TryParse(lines[3], out var port))
            return null;
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : port;
        }
        catch (ArgumentException)
        {
            return null; // stale pid file; PostgreSQL removes it itself on start
        }
    }

    static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static string FindBinDirectory()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(dir => File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "initdb")));
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(VersionOf).Select(dir => Path.Combine(dir, "bin"))
            : [];
        return onPath.Concat(debian).FirstOrDefault(dir => File.Exists(Path.Combine(dir, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "PostgreSQL was not found (no pg_ctl on PATH or under /usr/lib/postgresql/*/bin). " +
                "Install it with `sudo apt-get install -y postgresql` (Debian/Ubuntu), or set ConnectionStrings__Postgres " +
                "to use a server you already have.");
    }

    static int VersionOf(string dir) => int.TryParse(Path.GetFileName(dir), out var v) ? v : 0;

    Task RunPgAsync(string tool, CancellationToken ct, params string[] args)
    {
        var path = Path.Combine(_binDirectory, tool);
        return RunningAsRoot
            ? RunAsync("runuser", ct, ["-u", ServiceUser, "--", path, .. args])
            : RunAsync(path, ct, args);
    }

    static async Task RunAsync(string fileName, CancellationToken ct, params string[] args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/", // runuser'd tools cannot always read the caller's working directory
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        // pg_ctl start leaves the server holding its own output handles; read both streams to the end concurrently.
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} {string.Join(' ', args.Select(a => a.Contains("password") ? "…" : a))} failed " +
                $"with exit code {process.ExitCode}: {await stderr}{await stdout}".Trim());
    }

    public async ValueTask DisposeAsync()
    {
        if (_startedHere)
        {
            try
            {
                await RunPgAsync("pg_ctl", CancellationToken.None, "stop", "-w", "-m", "fast", "-D", _dataDirectory);
            }
            catch (InvalidOperationException) when (_deleteOnDispose)
            {
                // A throwaway cluster that will not stop is deleted below anyway.
            }
        }
        if (_deleteOnDispose && Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
