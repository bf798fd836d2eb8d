using ReportBot.Reporting.Rhythm;
using Npgsql;
using ReportBot.Data;
using ReportBot.Data.Demo;

namespace ReportBot.BotHost.Database;

/// <summary>Brings the database up to date before the host takes traffic, and stops the embedded cluster last.</summary>
public sealed class DatabaseStartup(PostgresServer server, IConfiguration configuration, TimeProvider time, ILogger<DatabaseStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var today = LocalDays.Of(time.GetUtcNow(), DemoDistrict.TimeZone);
        var where = new NpgsqlConnectionStringBuilder(await server.GetConnectionStringAsync(ct));
        if (await DatabasePreparation.PrepareAsync(server, configuration.GetValue<bool>("Demo:Seed"), today,
                (attempt, delay, why) => logger.LogWarning("Waiting for PostgreSQL at {Host}:{Port} (attempt {Attempt}, next in {Delay:0.0} s): {Why}",
                    where.Host, where.Port, attempt, delay.TotalSeconds, why), ct))
            logger.LogInformation("Loaded the demo district {District}", DemoDistrict.Name);
        logger.LogInformation("PostgreSQL {Kind} at {Host}:{Port}, database {Database}",
            server.IsEmbedded ? "(embedded)" : "(configured)", where.Host, where.Port, where.Database);
    }

    /// <summary>Stops the embedded cluster (if any) after every other hosted service has stopped.</summary>
    public async Task StopAsync(CancellationToken ct) => await server.DisposeAsync();
}
