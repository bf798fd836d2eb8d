using System.Diagnostics;
using Dapper;
using Npgsql;
using ReportBot.BotHost.Tests.Infrastructure;
using ReportBot.Data.Demo;

namespace ReportBot.BotHost.Tests.Infra;

/// <summary>
/// infra/backup.sh, as the nightly timer runs it: a dump restored into an empty database holds every row of every
/// table; a dump that cannot be made leaves no file behind.
/// </summary>
public sealed class BackupScriptTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("reportbot-backup-test-").FullName;

    [Fact]
    public async Task A_restored_dump_holds_the_same_rows_in_every_table()
    {
        var source = await postgres.CreateDatabaseAsync();
        await SeedAsync(source);
        var file = Path.Combine(_folder, "reportbot.dump");

        var backup = await RunAsync("bash", [Path.Combine(RepositoryRoot, "infra", "backup.sh"), file], source);
        Assert.True(backup.ExitCode == 0, backup.Errors);

        var target = await CreateEmptyDatabaseAsync(source);
        var where = new NpgsqlConnectionStringBuilder(target);
        // pg_restore takes its password from the environment, like the script's pg_dump.
        var restore = await RunAsync(FindPostgresTool("pg_restore"),
            ["--no-owner", "--exit-on-error", $"--host={where.Host}", $"--port={where.Port}", $"--username={where.Username}",
             $"--dbname={where.Database}", file],
            target, where.Password);
        Assert.True(restore.ExitCode == 0, restore.Errors);

        var before = await FingerprintAsync(source);
        Assert.True(before["figures"].Rows > 0 && before["figure_history"].Rows > 0 && before["units"].Rows == 18, "the source holds no data");
        Assert.Equal(before, await FingerprintAsync(target));
    }

    [Fact]
    public async Task A_wrong_password_fails_with_one_line_and_leaves_no_file()
    {
        var source = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync()) { Password = "not-the-password" }.ConnectionString;
        var file = Path.Combine(_folder, "reportbot.dump");

        var backup = await RunAsync("bash", [Path.Combine(RepositoryRoot, "infra", "backup.sh"), file], source);

        Assert.NotEqual(0, backup.ExitCode);
        var error = Assert.Single(backup.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("backup.sh: ", error);
        Assert.DoesNotContain("not-the-password", error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder)); // neither FILE nor its temp file
    }

    /// <summary>The demo district, plus a fortnight of figures with their history and the messages they came from.</summary>
    static async Task SeedAsync(string connectionString)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await DemoDistrict.SeedIfEmptyAsync(db, new DateOnly(2026, 1, 15));
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            insert into inbox (channel, external_id, sender, phone, body, raw, received_at, processed_at, outcome)
            select 'twilio', 'SM' || u.id || '-' || d, 'whatsapp:+919876543210', '919876543210',
                   u.name || ' ' || (u.id * 10 + d), 'Body=' || u.name || '+' || (u.id * 10 + d),
                   timestamptz '2026-01-01 10:00+05:30' + d * interval '1 day', timestamptz '2026-01-01 10:00+05:30' + d * interval '1 day', 'recorded'
            from units u cross join generate_series(1, 14) d;
            insert into figures (unit_id, indicator, day, value, updated_at, inbox_id)
            select u.id, 'ayushman', date '2026-01-01' + d, u.id * 10 + d, timestamptz '2026-01-01 10:00+05:30' + d * interval '1 day', i.id
            from units u cross join generate_series(1, 14) d join inbox i on i.external_id = 'SM' || u.id || '-' || d;
            insert into figure_history (unit_id, indicator, day, old_value, new_value, member_id, inbox_id, recorded_at)
            select unit_id, indicator, day, null, value, 1, inbox_id, updated_at from figures;
            insert into outbox (channel, recipient, member_id, body, reply_to_inbox_id, status)
            select 'twilio', sender, 1, 'Recorded: ' || body, id, 'sent' from inbox;
            """);
    }

    /// <summary>Every table's row count and an md5 of its rows in order, and every sequence's position.</summary>
    static async Task<Dictionary<string, (long Rows, string Md5)>> FingerprintAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var tables = await connection.QueryAsync<string>("select tablename from pg_tables where schemaname = 'public' order by 1");
        var fingerprint = new Dictionary<string, (long, string)>();
        foreach (var table in tables)
            // Identifiers cannot be parameters; the names come from the catalogue, quoted.
            fingerprint[table] = await connection.QuerySingleAsync<(long, string)>(
                $"""select count(*), md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from public."{table}" t""");
        foreach (var (name, position) in await connection.QueryAsync<(string, long?)>("select sequencename, last_value from pg_sequences where schemaname = 'public'"))
            fingerprint["sequence " + name] = (position ?? 0, "");
        return fingerprint;
    }

    static async Task<string> CreateEmptyDatabaseAsync(string connectionString)
    {
        var name = "restore_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(connectionString))
            await connection.ExecuteAsync($"create database {name} template template0"); // the name is ours
        return new NpgsqlConnectionStringBuilder(connectionString) { Database = name }.ConnectionString;
    }

    static async Task<(int ExitCode, string Errors)> RunAsync(string fileName, string[] args, string connectionString, string? password = null)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["ConnectionStrings__Postgres"] = connectionString;
        start.Environment.Remove("PGPASSWORD");
        if (password is not null)
            start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        await output;
        return (process.ExitCode, await errors);
    }

    /// <summary>As backup.sh looks for pg_dump: on PATH, else in the newest /usr/lib/postgresql/*/bin.</summary>
    static string FindPostgresTool(string tool)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool));
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(dir), out var version) ? version : 0)
                .Select(dir => Path.Combine(dir, "bin", tool))
            : [];
        return onPath.Concat(debian).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{tool} not found on PATH or under /usr/lib/postgresql/*/bin");
    }

    static string RepositoryRoot { get; } = FindRepositoryRoot();

    static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ReportBot.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No ReportBot.sln above {AppContext.BaseDirectory}");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
