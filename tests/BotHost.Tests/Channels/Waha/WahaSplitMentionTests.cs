using Microsoft.Extensions.DependencyInjection;
using ReportBot.BotHost.Outbound;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Channels.Waha;

/// <summary>A post too long for one WhatsApp message is split, and each part mentions the members its own words name.</summary>
public sealed class WahaSplitMentionTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Each_part_of_a_split_reminder_mentions_the_members_it_names()
    {
        const string Group = "120363041234567890@g.us";
        await using var waha = await FakeWahaApi.StartAsync();
        await using var app = await WahaWebhooks.StartAppAsync(postgres, waha);
        // Kavita is named at the start, Sunita after 5,000 characters: past the channel's 4,096, in the second part.
        var body = "⏰ Not reported yet: *Baheri* (Kavita Jha)\n" + string.Concat(Enumerable.Repeat("…\n", 2500)) + "*Jale* (Sunita Devi)";
        await app.QueryAsync<long>(
            """
            insert into outbox (channel, recipient, body, kind, created_at, next_attempt_at, group_id, mention_addresses, mention_texts)
            values ('waha', @Group, @body, 'reminder', now(), now(), null,
                    array['919876543212@c.us', '919876543211@c.us'], array['Kavita Jha', 'Sunita Devi'])
            returning id
            """, new { Group, body });
        app.Services.GetRequiredService<OutboxSignal>().Notify();

        var sent = (await waha.WaitForRequestsAsync(2)).Select(r => r.Json).ToList();
        Assert.Equal(2, sent.Count);
        Assert.Equal(["919876543212@c.us"], sent[0].GetProperty("mentions").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("@919876543212", sent[0].GetProperty("text").GetString());
        Assert.Equal(["919876543211@c.us"], sent[1].GetProperty("mentions").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("@919876543211", sent[1].GetProperty("text").GetString());
    }
}
