using Microsoft.Extensions.DependencyInjection;
using ReportBot.BotHost.Outbound;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Outbound;

/// <summary>The summaries' stored charts do not pile up: after a week they go, unless a message still waiting carries one.</summary>
public sealed class OutboxImageRetentionTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_chart_older_than_a_week_is_dropped_unless_a_waiting_message_carries_it()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync()).StartAsync();
        // One statement: the dispatcher's pass, every second, would drop an old chart that nothing carries yet.
        var ids = await app.QueryAsync<long>(
            """
            with images as (
                insert into outbox_images (kind, district_id, day, language, png, created_at)
                values ('chart', 1, current_date - 8, 'hi', '\x89504e47'::bytea, now() - interval '8 days'),  -- sent long ago
                       ('chart', 1, current_date - 8, 'en', '\x89504e47'::bytea, now() - interval '8 days'),  -- its send uncertain still
                       ('chart', 1, current_date - 1, 'hi', '\x89504e47'::bytea, now() - interval '1 day')    -- yesterday's
                returning id, language, created_at
            ), messages as (
                insert into outbox (channel, recipient, body, kind, image_id, status, created_at, next_attempt_at, uncertain_at)
                select 'twilio', 'whatsapp:+91987654321' || i.language, 'the summary', 'summary', i.id,
                       case when i.language = 'hi' then 'sent' else 'uncertain' end, i.created_at, i.created_at,
                       case when i.language = 'en' then now() end
                from images i where i.created_at < now() - interval '7 days'
            )
            select id from images order by id
            """);
        app.Services.GetRequiredService<OutboxSignal>().Notify(); // a dispatcher pass runs the recovery
        await ReportBotApp.EventuallyAsync(async () => await app.ScalarAsync<long>("select count(*) from outbox_images") == 2, "the old sent chart dropped");

        Assert.Equal([ids[1], ids[2]], await app.QueryAsync<long>("select id from outbox_images order by id"));
        // The message that carried the dropped chart keeps its text; the one still waiting keeps its picture.
        Assert.Equal(2, await app.ScalarAsync<long>("select count(*) from outbox where body = 'the summary'"));
        Assert.Equal(ids[1], await app.ScalarAsync<long>("select image_id from outbox where image_id is not null"));
    }
}
