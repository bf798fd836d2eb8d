using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using ReportBot.BotHost.Tests.Channels.WhatsAppCloud;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Security;

/// <summary>
/// A run through everything that logs — bad signatures, a provider refusing our credentials, a database outage, the
/// sweeper and the outbox — at the most verbose level, and then a search of every captured line, exception and
/// structured value for the secrets, as written and as the Authorization header would carry them.
/// </summary>
public sealed class SecretsInLogsTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    const string AdminKey = "admin-key-5e77a1d2";

    [Fact]
    public async Task Secrets_never_appear_in_the_logs()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var graph = await FakeGraphApi.StartAsync();
        var logs = new LogCapture();
        await using var app = await HostileApp.StartAsync(postgres, twilio.BaseUrl, graph.GraphBaseUrl,
            new Dictionary<string, string?>
            {
                ["Admin:ApiKey"] = AdminKey,
                ["Outbox:MaxAttempts"] = "2",
            },
            services: s =>
            {
                s.AddSingleton<ILoggerProvider>(logs);
                // Everything, whatever appsettings.json filters for the console: a rule for this provider wins.
                s.AddLogging(logging => logging.AddFilter<LogCapture>(null, LogLevel.Trace));
            });
        using var client = app.CreateClient();

        // Refused: wrong and missing signatures on both channels, a wrong admin key, a wrong verify token.
        var form = Webhooks.WhatsAppForm("SM" + new string('1', 32), "Benipur 1240");
        var wrong = Webhooks.Signed(form);
        wrong.Headers.Remove("X-Twilio-Signature");
        wrong.Headers.Add("X-Twilio-Signature", "AAAA");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(MetaWebhooks.Post(MetaWebhooks.Fixture("text-report.json"), "wrong-secret"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1")).StatusCode);
        using (var admin = new HttpRequestMessage(HttpMethod.Get, "/admin/schedules"))
        {
            admin.Headers.Add("X-Admin-Key", "not-the-key");
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(admin)).StatusCode);
        }

        // Sends refused for our credentials (401), then ones that fail and are retried.
        twilio.ThenAnswer(401, 20003, "Authenticate");
        graph.ThenAnswer(401, 190, "Invalid OAuth access token - Cannot parse access token");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Webhooks.Signed(form))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(MetaWebhooks.Post(MetaWebhooks.Fixture("text-report.json")))).StatusCode);
        twilio.ThenAnswer(500, 20500, "Internal Server Error");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Webhooks.Signed(Webhooks.WhatsAppForm("SM" + new string('2', 32), "Benipur 1300")))).StatusCode);
        // A refused credential parks the message for Outbox:MaxRetryDelay; the 500 is retried and goes through.
        await twilio.WaitForRequestsAsync(3);
        await graph.WaitForRequestsAsync(1);
        await ReportBotApp.EventuallyAsync(async () => await app.ScalarAsync<long>("select count(*) from outbox where status = 'sent'") >= 1
            && await app.ScalarAsync<long>("select count(*) from outbox where status = 'sending'") == 0, "the sends settled");

        // The database goes away and comes back.
        await postgres.SetReachableAsync(app.ConnectionString, reachable: false);
        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable,
                (await client.SendAsync(Webhooks.Signed(Webhooks.WhatsAppForm("SM" + new string('3', 32), "Benipur 1400")))).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.SendAsync(MetaWebhooks.Post(MetaWebhooks.Fixture("batch-two-messages.json")))).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
            await app.Services.GetRequiredService<ReportBot.BotHost.Inbound.InboxSweeper>().SweepAsync(CancellationToken.None)
                .ContinueWith(_ => { }); // it fails and logs; the failure is what we want to see logged
        }
        finally
        {
            await postgres.SetReachableAsync(app.ConnectionString, reachable: true);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Webhooks.Signed(Webhooks.WhatsAppForm("SM" + new string('3', 32), "Benipur 1400")))).StatusCode);

        var all = logs.All;
        Assert.True(logs.Lines.Count > 20, $"only {logs.Lines.Count} lines were captured");
        Assert.Contains("Error", all); // the failures above were logged, so the search below is meaningful
        var password = new NpgsqlConnectionStringBuilder(app.ConnectionString).Password;
        var secrets = new Dictionary<string, string?>
        {
            ["Twilio:AuthToken"] = ReportBotApp.AuthToken,
            ["Twilio basic auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ReportBotApp.AccountSid}:{ReportBotApp.AuthToken}")),
            ["WhatsAppCloud:AppSecret"] = MetaWebhooks.AppSecret,
            ["WhatsAppCloud:AccessToken"] = MetaWebhooks.AccessToken,
            ["WhatsAppCloud:VerifyToken"] = MetaWebhooks.VerifyToken,
            ["Admin:ApiKey"] = AdminKey,
            ["database password"] = password,
        };
        foreach (var (name, secret) in secrets)
        {
            if (string.IsNullOrEmpty(secret))
                continue;
            // The test token "12345" is short enough to occur by chance (a port, an id): look for it as a whole word.
            var found = secret.Length < 8
                ? System.Text.RegularExpressions.Regex.IsMatch(all, $@"(?<![0-9A-Za-z]){System.Text.RegularExpressions.Regex.Escape(secret)}(?![0-9A-Za-z])")
                : all.Contains(secret, StringComparison.Ordinal);
            Assert.False(found, $"{name} appears in the logs:\n{logs.Lines.FirstOrDefault(l => l.Contains(secret, StringComparison.Ordinal))}");
        }
        Assert.False(string.IsNullOrEmpty(password), "the test database has a password to look for");
    }
}
