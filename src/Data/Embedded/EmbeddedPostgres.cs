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
/// The cluster is its owner's child: the ReportBot process that started it (or adopted it from a killed run) is named
/// in the folder's `owner` file and stops it on dispose; a second process that finds the owner alive — a command
/// beside the running server — is a guest and leaves it running. A process killed outright (`kill -9`, a closed
/// terminal) cannot stop anything, so the owner also starts a small watchdog, detached from it, that stops the
/// cluster once the owner's process is gone.
/// </remarks>
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
    readonly int _ownerProcessId;

    EmbeddedPostgres(string root, string binDirectory, bool deleteOnDispose, int ownerProcessId)
    {
        _root = root;
        _dataDirectory = Path.Combine(root, "data");
        _binDirectory = binDirectory;
        _deleteOnDispose = deleteOnDispose;
        _ownerProcessId = ownerProcessId;
    }

    public int Port { get; private set; }

    /// <summary>Whether this instance started (or adopted) the cluster and so stops it; false for a guest.</summary>
    public bool IsOwner { get; private set; }

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

    /// <summary>Starts (creating it first if needed) the cluster in <paramref name="root"/>, or joins it as a guest.</summary>
    /// <param name="ownerProcessId">The process whose end stops the cluster (default: this one; tests name another).</param>
    public static async Task<EmbeddedPostgres> StartAsync(string root, bool deleteOnDispose = false, int? ownerProcessId = null, CancellationToken ct = default)
    {
        var pg = new EmbeddedPostgres(Path.GetFullPath(root), FindBinDirectory(), deleteOnDispose, ownerProcessId ?? Environment.ProcessId);
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
            deleteOnDispose: true, Environment.ProcessId) { _maxConnections = maxConnections };
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
            Port = runningPort;
            if (ReadOwner() is { } owner && IsAlive(owner))
                return; // the running server's cluster, joined by a command: a guest
            // Left by a run that was killed before it could stop it: adopt it, and stop it when we stop.
            await BecomeOwnerAsync(ct);
            return;
        }

        Port = FreeLoopbackPort();
        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections={_maxConnections} -c fsync=on";
        await RunPgAsync("pg_ctl", ct, "start", "-w", "-t", "60", "-D", _dataDirectory, "-l", Path.Combine(_root, "postgres.log"), "-o", options);
        await BecomeOwnerAsync(ct);
    }

    string OwnerFile => Path.Combine(_root, "owner");

    int? ReadOwner() => File.Exists(OwnerFile) && int.TryParse(File.ReadAllText(OwnerFile).Trim(), out var pid) ? pid : null;

    /// <summary>A /proc entry rather than a signal: when we are root the watchdog runs as `postgres`, which may not signal us.</summary>
    static bool IsAlive(int processId) => Directory.Exists($"/proc/{processId}");

    async Task BecomeOwnerAsync(CancellationToken ct)
    {
        await File.WriteAllTextAsync(OwnerFile, _ownerProcessId.ToString(), ct);
        IsOwner = true;
        StartWatchdog();
    }

    /// <summary>
    /// A shell loop in a session of its own (setsid), so that it outlives the owner's process group: it waits for the
    /// owner to end, then stops the cluster — unless the owner file names someone else by then (a new run has it).
    /// </summary>
    void StartWatchdog()
    {
        var pgCtl = Path.Combine(_binDirectory, "pg_ctl");
        var script = $"while [ -d /proc/{_ownerProcessId} ]; do sleep 1; done; " +
                     $"[ \"$(cat '{OwnerFile}' 2>/dev/null)\" = '{_ownerProcessId}' ] && '{pgCtl}' stop -w -m fast -D '{_dataDirectory}' >/dev/null 2>&1; " +
                     $"rm -f '{OwnerFile}'";
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, WorkingDirectory = "/" };
        foreach (var arg in RunningAsRoot ? ["runuser", "-u", ServiceUser, "--", "sh", "-c", script] : new[] { "sh", "-c", script })
            start.ArgumentList.Add(arg);
        // Not waited for, and its output goes nowhere: it lives as long as the owner does.
        start.RedirectStandardOutput = start.RedirectStandardError = start.RedirectStandardInput = true;
        using var _ = Process.Start(start);
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
        if (IsOwner)
        {
            IsOwner = false;
            try
            {
                await RunPgAsync("pg_ctl", CancellationToken.None, "stop", "-w", "-m", "fast", "-D", _dataDirectory);
                File.Delete(OwnerFile);
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
