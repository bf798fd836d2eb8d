using ReportBot.BotHost.Outbound;
namespace ReportBot.BotHost.Inbound;

public static class InboundExtensions
{
    /// <summary>
    /// The way in: intake (inbox first, acknowledged once stored), handling in batches, the sweeper for what was stored
    /// but not handled, and the chat import through the same handler.
    /// </summary>
    public static IHostApplicationBuilder AddInbound(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DistrictDirectory>();
        builder.Services.AddSingleton<InboundHandler>();
        // Registered in this order: the inbox writer stops last, after handling has stopped.
        builder.Services.AddSingleton<InboxWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InboxWriter>());
        builder.Services.AddSingleton<HandlingQueue>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HandlingQueue>());
        builder.Services.AddSingleton<MessageIntake>();
        builder.Services.AddSingleton<ChatImport.ChatImporter>(); // an exported group chat, through the same handler
        builder.Services.AddSingleton<InboxSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InboxSweeper>());
        return builder;
    }
}
