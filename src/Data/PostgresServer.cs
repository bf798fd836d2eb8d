using Npgsql;
using ReportBot.Data.Embedded;

namespace ReportBot.Data;

/// <summary>
/// The PostgreSQL server ReportBot talks to: the configured one, or the private embedded cluster, started on first use
/// and stopped on dispose.
/// </summary>
public sealed class PostgresServer(PostgresOptions options) : IAsyncDisposable
{
    readonly SemaphoreSlim _gate = new(1, 1);
    EmbeddedPostgres? _embedded;
    string? _connectionString;

    public PostgresOptions Options => options;

    public bool IsEmbedded => string.IsNullOrWhiteSpace(options.ConnectionString);

    public async Task<string> GetConnectionStringAsync(CancellationToken ct = default)
    {
        if (_connectionString is not null)
            return _connectionString;
        await _gate.WaitAsync(ct);
        try
        {
            if (_connectionString is not null)
                return _connectionString;
            if (!IsEmbedded)
                return _connectionString = options.ConnectionString!;
            _embedded = await EmbeddedPostgres.StartAsync(options.EmbeddedRoot ?? EmbeddedPostgres.DefaultRoot(), ct: ct);
            return _connectionString = _embedded.ConnectionString(PostgresOptions.EmbeddedDatabase);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The one data source of the process, built once the server is known. Unless the connection string says
    /// otherwise, statements are prepared automatically and a pooled connection is not reset on return: ReportBot
    /// keeps no session state (its locks end with their transaction), and the two together measured +60–75 % under
    /// load (docs/benchmarks.md, "Webhook load").
    /// </summary>
    public async Task<NpgsqlDataSource> CreateDataSourceAsync(CancellationToken ct = default)
    {
        var connectionString = await GetConnectionStringAsync(ct);
        var builder = new NpgsqlDataSourceBuilder(connectionString) { Name = "reportbot" };
        // The plain builder holds only the keys the string names (Npgsql's own answers for every keyword it knows).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
            builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        // Called by the host when it stops and again by the container; the cluster is stopped once.
        var embedded = Interlocked.Exchange(ref _embedded, null);
        if (embedded is not null)
            await embedded.DisposeAsync();
    }
}
