namespace ReportBot.BotHost.Messaging;

public static class MessagingExtensions
{
    /// <summary>The message flow: intake (inbox first), handling, the sweeper, and the outbox dispatcher.</summary>
    public static IHostApplicationBuilder AddMessaging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DistrictDirectory>();
        builder.Services.AddSingleton<InboundHandler>();
        // Registered in this order: the inbox writer stops last, after handling and the outbox have stopped.
        builder.Services.AddSingleton<InboxWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InboxWriter>());
        builder.Services.AddSingleton<HandlingQueue>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HandlingQueue>());
        builder.Services.AddSingleton<MessageIntake>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section);
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        builder.Services.AddSingleton<ChatImport.ChatImporter>(); // an exported group chat, through the same handler
        builder.Services.AddSingleton<InboxSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InboxSweeper>());
        return builder;
    }
}
