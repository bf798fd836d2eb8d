using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;

namespace ReportBot.BotHost.Channels.Simulator;

public static class SimulatorChannelExtensions
{
    /// <summary>`Simulator:Enabled`: on by default when ReportBot runs on its embedded database.</summary>
    public const string EnabledKey = "Simulator:Enabled";

    public static IHostApplicationBuilder AddSimulatorChannel(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration[EnabledKey] is null && string.IsNullOrEmpty(builder.Configuration.GetConnectionString("Postgres")))
            builder.Configuration[EnabledKey] = "true";
        builder.Services.AddSingleton<IChannelSender, SimulatorSender>();
        return builder;
    }

    /// <summary>The simulator page itself, at `/`.</summary>
    public static WebApplication UseSimulatorPage(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>(EnabledKey))
        {
            app.UseDefaultFiles();
            app.UseStaticFiles();
        }
        return app;
    }
}
