using Microsoft.Extensions.DependencyInjection;
using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Inbound;

/// <summary>A message stored but never handled (the process died in between) is handled later, once.</summary>
public sealed class InboxSweeperTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_message_left_unhandled_by_a_crash_is_handled_by_the_sweeper_once()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync(), twilio.BaseUrl).StartAsync();
        await app.ScalarAsync<long>(
            """
            insert into inbox (channel, external_id, sender, phone, body, raw, received_at)
            values ('twilio', 'SM-before-the-crash', 'whatsapp:+919876543210', '919876543210', 'Benipur 1240', 'Body=Benipur+1240',
                    now() - interval '1 minute')
            returning id
            """);
        var sweeper = app.Services.GetRequiredService<InboxSweeper>();

        // The host's own sweeper may get there first; either way the message is handled, and only once.
        await sweeper.SweepAsync(default);
        await ReportBotApp.EventuallyAsync(async () => (await app.QueryAsync<string?>("select outcome from inbox")).Single() == "recorded", "the message is handled");
        Assert.Equal(0, await sweeper.SweepAsync(default));

        Assert.Equal(1240, await app.ScalarAsync<long>("select value from figures"));
        Assert.Equal(1, await app.ScalarAsync<long>("select count(*) from figure_history"));
        Assert.Single(await twilio.WaitForRequestsAsync(1));
        await Task.Delay(300);
        Assert.Single(twilio.Requests);
    }
}
