using ReportBot.BotHost.Channels.Simulator;
using ReportBot.BotHost.Channels.Telegram;
using ReportBot.BotHost.Channels.Twilio;
using ReportBot.BotHost.Channels.Waha;
using ReportBot.BotHost.Channels.WhatsAppCloud;
using ReportBot.BotHost.Database;
using ReportBot.BotHost.Desk;
using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;
using ReportBot.BotHost.Rhythm;
using ReportBot.BotHost.Security;

namespace ReportBot.BotHost;

public static class ReportBotExtensions
{
    /// <summary>
    /// Every service of ReportBot, for the server and the command line alike: one list, so that a command can never
    /// lack a service the server has (one did once: `summary` crashed on a rate limiter only the server registered).
    /// </summary>
    public static IHostApplicationBuilder AddReportBot(this IHostApplicationBuilder builder)
    {
        // PostgreSQL: the configured server, or a private cluster started from the machine's binaries; migrations at start.
        builder.AddReportBotDatabase();

        // Time, from one clock every service asks.
        builder.Services.AddSingleton(TimeProvider.System);

        // The way in: inbox first, acknowledged once stored; reading and the day's rules in batches; the sweeper.
        builder.AddInbound();
        // The way out: replies and the rhythm's messages through the outbox, at each channel's pace.
        builder.AddOutbound();
        builder.AddSenderRateLimit(); // per sender, after the signature: stored, but past the limit not answered

        // Channels: each folder translates its provider's wire format and nothing else.
        builder.AddTwilioChannel();
        builder.AddWhatsAppCloudChannel();
        builder.AddWahaChannel(); // WhatsApp groups through a linked phone (unofficial)
        builder.AddTelegramChannel(); // a Telegram bot: groups and private chats (official Bot API)
        builder.AddSimulatorChannel();

        // The daily rhythm: reminders, escalation and summaries at each district's times, each exactly once.
        builder.AddDailyRhythm();

        // The DM's desk: the figures workbook, its CSV and the day's chart (admin API and `export figures`).
        builder.AddDesk();
        return builder;
    }
}
