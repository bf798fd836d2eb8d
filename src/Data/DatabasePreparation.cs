using Npgsql;
using ReportBot.Data.Demo;
using ReportBot.Data.Migrations;

namespace ReportBot.Data;

/// <summary>What every start does before using the database, whether the host serves or a command runs.</summary>
public static class DatabasePreparation
{
    /// <summary>
    /// Applies the migrations and, on the embedded cluster or when asked (`Demo:Seed`), loads the demo district into an
    /// empty database. Waits for the server first (<see cref="DatabaseWait"/>), telling <paramref name="waiting"/> of
    /// each retry. Returns whether the demo district was loaded now.
    /// </summary>
    public static async Task<bool> PrepareAsync(PostgresServer server, bool seedDemo, DateOnly today,
        Action<int, TimeSpan, string> waiting, CancellationToken ct = default)
    {
        var connectionString = await server.GetConnectionStringAsync(ct);
        await DatabaseWait.UntilReachableAsync(connectionString, server.Options.StartupWait, waiting, ct: ct);
        DatabaseMigrator.Migrate(connectionString);
        if (!server.IsEmbedded && !seedDemo)
            return false;
        await using var db = NpgsqlDataSource.Create(connectionString);
        return await DemoDistrict.SeedIfEmptyAsync(db, today, ct);
    }
}
