using Npgsql;
using ReportBot.Data;
using ReportBot.Data.Campaigns;
using ReportBot.Data.Districts;
using ReportBot.Data.Messages;

namespace ReportBot.BotHost.Database;

public static class DatabaseExtensions
{
    /// <summary>
    /// PostgreSQL: `ConnectionStrings:Postgres` when set, else a private cluster started from the machine's own
    /// binaries. One <see cref="NpgsqlDataSource"/> for the process; migrations (and the demo district, on an
    /// embedded or `Demo:Seed` run) are applied by <see cref="DatabaseStartup"/> before anything else starts.
    /// </summary>
    public static IHostApplicationBuilder AddReportBotDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            return new PostgresOptions
            {
                ConnectionString = configuration.GetConnectionString("Postgres"),
                EmbeddedRoot = configuration["EmbeddedPostgres:Root"],
                StartupWait = configuration.GetValue(PostgresOptions.StartupWaitKey, DatabaseWait.DefaultLimit),
            };
        });
        builder.Services.AddSingleton<PostgresServer>();
        // The data source needs the server's address, which for the embedded cluster exists only once it has
        // started; this is the single place start-up waits for it.
        builder.Services.AddSingleton(sp => sp.GetRequiredService<PostgresServer>().CreateDataSourceAsync().GetAwaiter().GetResult());
        builder.Services.AddSingleton<DistrictStore>();
        builder.Services.AddSingleton<DistrictSettings>();
        builder.Services.AddSingleton<InboxStore>();
        builder.Services.AddSingleton<OutboxStore>();
        builder.Services.AddSingleton<ConversationStore>();
        builder.Services.AddSingleton<CampaignStore>();
        builder.Services.AddSingleton<Data.ChatImport.ChatImportStore>();
        // Registered before every other hosted service: it starts first and stops last.
        builder.Services.AddHostedService<DatabaseStartup>();
        return builder;
    }
}
