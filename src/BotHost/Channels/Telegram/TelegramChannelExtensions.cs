using Microsoft.Extensions.Options;
using ReportBot.BotHost.Outbound;

namespace ReportBot.BotHost.Channels.Telegram;

public static class TelegramChannelExtensions
{
    /// <summary>
    /// A Telegram bot: on when `Telegram:BotToken` is set; then WebhookSecret and BotUsername are required, checked at
    /// start (the message names keys, never values).
    /// </summary>
    public static IHostApplicationBuilder AddTelegramChannel(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelegramOptions>()
            .BindConfiguration(TelegramOptions.Section)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelegramOptions>, ProblemValidator>();
        // No retry handler here: the outbox decides about retries, and a send POST is never repeated blindly. No
        // request logging either: the bot token is part of every URL, and the client factory logs URLs.
        builder.Services.AddHttpClient<TelegramSender>(http => http.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(ProviderHttp.Handler)
            .RemoveAllLoggers();
        builder.Services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<TelegramSender>());
        return builder;
    }

    /// <summary>Says which keys are missing or malformed, so the failure at start is actionable.</summary>
    sealed class ProblemValidator : IValidateOptions<TelegramOptions>
    {
        public ValidateOptionsResult Validate(string? name, TelegramOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
