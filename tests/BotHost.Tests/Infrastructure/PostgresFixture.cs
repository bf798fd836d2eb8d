using Npgsql;
using ReportBot.Data.Embedded;

namespace ReportBot.BotHost.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL for the test run: the server named by REPORTBOT_TEST_POSTGRES, or a throwaway cluster started from
/// the machine's binaries with the product's own launcher. Each test takes a fresh database of its own. If no server
/// can be had the tests fail, loudly — they never skip.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    EmbeddedPostgres? _embedded;
    string _adminConnectionString = "";

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("REPORTBOT_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _adminConnectionString = configured;
            return;
        }
        _embedded = await EmbeddedPostgres.StartThrowawayAsync();
        _adminConnectionString = _embedded.ConnectionString();
    }

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", connection); // name is ours, not input
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>Simulates an outage of one test database: refuse new connections and end the open ones (or undo that).</summary>
    public async Task SetReachableAsync(string connectionString, bool reachable)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var connection = new NpgsqlConnection(_adminConnectionString);
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

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_embedded is not null)
            await _embedded.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
