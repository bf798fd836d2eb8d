using ReportBot.BotHost;
using ReportBot.BotHost.Admin;
using ReportBot.BotHost.Channels.Simulator;
using ReportBot.BotHost.Channels.Twilio;
using ReportBot.BotHost.Channels.WhatsAppCloud;
using ReportBot.BotHost.Cli;
using ReportBot.BotHost.Health;

// A verb (`migrate`, `parse`, …) runs that command and exits; no verb serves.
if (CommandLine.IsCommand(args))
    return await CommandLine.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);

// The database, the message flow, the channels and the daily rhythm: the same services the command line uses.
builder.AddReportBot();

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
