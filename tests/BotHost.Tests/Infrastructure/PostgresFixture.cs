using Npgsql;
using ReportBot.Data.Embedded;
using ReportBot.Data.Migrations;

namespace ReportBot.BotHost.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL for the whole test run — the server named by REPORTBOT_TEST_POSTGRES, or a throwaway cluster started
/// from the machine's binaries with the product's own launcher — shared by every test class, so that classes run in
/// parallel. Each test takes a fresh database of its own, copied from a template that is migrated once per run (each
/// app still runs the migrator at start, which then finds nothing to do). If no server can be had the tests fail,
/// loudly — they never skip.
/// </summary>
public sealed class PostgresFixture
{
    /// <summary>Started on first use; stopped when the test process ends.</summary>
    static readonly Lazy<Task<Server>> Shared = new(Server.StartAsync);

    /// <summary>A new database with every migration applied and nothing in it; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync() => await (await Shared.Value).CreateDatabaseAsync();

    /// <summary>Simulates an outage of one test database: refuse new connections and end the open ones (or undo that).</summary>
    public async Task SetReachableAsync(string connectionString, bool reachable)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var connection = new NpgsqlConnection((await Shared.Value).AdminConnectionString);
        await connection.OpenAsync();
        // Identifiers cannot be parameters; the name is one CreateDatabaseAsync made.
        await using (var alter = new NpgsqlCommand($"alter database {database} with allow_connections {(reachable ? "true" : "false")}", connection))
            await alter.ExecuteNonQueryAsync();
        if (!reachable)
        {
            await using var terminate = new NpgsqlCommand("select pg_terminate_backend(pid) from pg_stat_activity where datname = @database", connection);
            terminate.Parameters.AddWithValue("database", database);
            await terminate.ExecuteNonQueryAsync();
        }
    }

    sealed class Server(string adminConnectionString)
    {
        const string Template = "reportbot_template";

        /// <summary>PostgreSQL copies a template only while nobody else uses it: one copy at a time.</summary>
        readonly SemaphoreSlim _creating = new(1, 1);

        public string AdminConnectionString => adminConnectionString;

        public static async Task<Server> StartAsync()
        {
            var configured = Environment.GetEnvironmentVariable("REPORTBOT_TEST_POSTGRES");
            var embedded = string.IsNullOrWhiteSpace(configured) ? await EmbeddedPostgres.StartThrowawayAsync(maxConnections: 800) : null;
            var server = new Server(embedded?.ConnectionString() ?? configured!);
            if (embedded is not null)
                // xunit v2 has no fixture for the whole assembly: the throwaway cluster goes with the process.
                AppDomain.CurrentDomain.ProcessExit += (_, _) => embedded.DisposeAsync().AsTask().GetAwaiter().GetResult();
            await server.CreateTemplateAsync();
            return server;
        }

        async Task CreateTemplateAsync()
        {
            await ExecuteAsync($"drop database if exists {Template}");
            await ExecuteAsync($"create database {Template}");
            // Unpooled: a pooled connection left open to the template would forbid copying it.
            DatabaseMigrator.Migrate(new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = Template, Pooling = false }.ConnectionString);
        }

        public async Task<string> CreateDatabaseAsync()
        {
            var name = "test_" + Guid.NewGuid().ToString("N")[..16];
            await _creating.WaitAsync();
            try
            {
                await ExecuteAsync($"create database {name} template {Template}"); // names are ours, not input
            }
            finally
            {
                _creating.Release();
            }
            // Test classes run side by side against one server (max_connections 200): each test's pool stays small.
            return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 16 }.ConnectionString;
        }

        async Task ExecuteAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>
/// Kept for test classes that must not run beside each other; a class that takes <see cref="PostgresFixture"/> as an
/// <c>IClassFixture</c> runs in parallel with the rest.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
