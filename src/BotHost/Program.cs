using ReportBot.BotHost;
using ReportBot.BotHost.Admin;
using ReportBot.BotHost.Channels.Simulator;
using ReportBot.BotHost.Channels.Telegram;
using ReportBot.BotHost.Channels.Twilio;
using ReportBot.BotHost.Channels.Waha;
using ReportBot.BotHost.Channels.WhatsAppCloud;
using ReportBot.BotHost.Cli;
using ReportBot.BotHost.Desk;
using ReportBot.BotHost.Health;
using ReportBot.BotHost.Security;

// `serve` — or nothing, or only settings such as `--urls …` — serves; any other verb, `--help` or `--version` runs
// that command and exits.
if (CommandLine.ServeArguments(args) is not { } serveArgs)
    return await CommandLine.RunAsync(args);

// The content root is the program's own folder, wherever it is started from: its settings and the simulator's page.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = serveArgs, ContentRootPath = AppContext.BaseDirectory });

// The database, the message flow, the channels and the daily rhythm: the same services the command line uses.
builder.AddReportBot();

await using var app = builder.Build();

app.UseSimulatorPage();
app.MapHealth();
app.MapTwilioWebhooks();
app.MapWhatsAppCloudWebhooks();
app.MapWahaWebhooks();
app.MapTelegramWebhooks();
app.MapSimulator();
app.MapAdminApi(); // schedules, summaries and dead letters, behind `Admin:ApiKey`
app.UseDesk(); // the DM's desk at /desk: one-time code sign-in, a cookie session, antiforgery on every form
app.LogWhatIsExposed();

return await StartupFailure.OneLineAsync(() => app.RunAsync());

/// <summary>Visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
