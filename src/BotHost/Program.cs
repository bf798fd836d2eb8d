using ReportBot.BotHost.Channels.Simulator;
using ReportBot.BotHost.Channels.Twilio;
using ReportBot.BotHost.Channels.WhatsAppCloud;
using ReportBot.BotHost.Cli;
using ReportBot.BotHost.Database;
using ReportBot.BotHost.Health;
using ReportBot.BotHost.Messaging;
using ReportBot.BotHost.Rhythm;
using ReportBot.BotHost.Security;
using ReportBot.BotHost.Admin;

// A verb (`migrate`, `parse`, …) runs that command and exits; no verb serves.
if (CommandLine.IsCommand(args))
    return await CommandLine.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);

// PostgreSQL: the configured server, or a private cluster started from the machine's binaries; migrations at start.
builder.AddReportBotDatabase();

// The message flow: inbox first, reading and the day's rules, replies through the outbox.
builder.AddMessaging();
builder.AddSenderRateLimit(); // per sender, after the signature: stored, but past the limit not answered

// Channels: each folder translates its provider's wire format and nothing else.
builder.AddTwilioChannel();
builder.AddWhatsAppCloudChannel();
builder.AddSimulatorChannel();

// The daily rhythm: reminders, escalation and summaries at each district's times, each exactly once.
builder.AddDailyRhythm();


var app = builder.Build();

app.UseSimulatorPage();
app.MapHealth();
app.MapTwilioWebhooks();
app.MapWhatsAppCloudWebhooks();
app.MapSimulator();
app.MapAdminApi(); // schedules, summaries and dead letters, behind `Admin:ApiKey`

await app.RunAsync();
return 0;

/// <summary>Visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
