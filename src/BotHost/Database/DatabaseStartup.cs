using Npgsql;
using ReportBot.Data;
using ReportBot.Data.Demo;
using ReportBot.Data.Migrations;

namespace ReportBot.BotHost.Database;

/// <summary>Brings the database up to date before the host takes traffic, and stops the embedded cluster last.</summary>
public sealed class DatabaseStartup(PostgresServer server, IServiceProvider services, IConfiguration configuration, ILogger<DatabaseStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var connectionString = await server.GetConnectionStringAsync(ct);
        DatabaseMigrator.Migrate(connectionString);
        if (server.IsEmbedded || configuration.GetValue<bool>("Demo:Seed"))
        {
            var db = services.GetRequiredService<NpgsqlDataSource>();
            if (await DemoDistrict.SeedIfEmptyAsync(db, ct))
                logger.LogInformation("Loaded the demo district {District}", DemoDistrict.Name);
        }
        var where = new NpgsqlConnectionStringBuilder(connectionString);
        logger.LogInformation("PostgreSQL {Kind} at {Host}:{Port}, database {Database}",
            server.IsEmbedded ? "(embedded)" : "(configured)", where.Host, where.Port, where.Database);
    }

    /// <summary>Stops the embedded cluster (if any) after every other hosted service has stopped.</summary>
    public async Task StopAsync(CancellationToken ct) => await server.DisposeAsync();
}
