using System.Text.Json.Nodes;
using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;
using ReportBot.BotHost.Tests.Channels.WhatsAppCloud;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Outbound;

/// <summary>Each channel's own limits: lengths, template variables, Meta's pace to one recipient, and Meta's callbacks reconciling a lost answer.</summary>
public sealed class ChannelLimitsTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public void A_template_variable_over_1024_characters_ends_with_how_many_more()
    {
        var units = Enumerable.Range(1, 200).Select(n => $"Panchayat {n:D3}").ToList(); // 200 × 13 + separators ≫ 1,024
        var bounded = MessageBounds.Variable(string.Join(", ", units), 1024, "en");

        Assert.True(bounded.Length <= 1024, $"{bounded.Length}");
        var kept = bounded[..bounded.LastIndexOf(" and ", StringComparison.Ordinal)].Split(", ");
        Assert.Equal(units.Take(kept.Length), kept);
        Assert.EndsWith($" and {200 - kept.Length} more", bounded);
        Assert.EndsWith(" अन्य", MessageBounds.Variable(string.Join(", ", units), 1024, "hi"));
        Assert.Equal("Benipur, Jale", MessageBounds.Variable("Benipur, Jale", 1024, "en"));
    }

    [Fact]
    public void A_long_text_splits_at_line_breaks_within_the_limit_and_loses_nothing()
    {
        var lines = Enumerable.Range(1, 300).Select(n => $"बेनीपुर {n}: १,२४० ✅").ToList();
        var parts = MessageBounds.Split(string.Join("\n", lines), 4096);

        Assert.All(parts, p => Assert.True(p.Length <= 4096));
        Assert.Equal(lines, parts.SelectMany(p => p.Split('\n')));
        Assert.Equal(["short"], MessageBounds.Split("short", 1600));
    }

    [Fact]
    public async Task Meta_gets_a_small_burst_to_one_recipient_then_one_message_per_interval()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        var settings = MetaWebhooks.Settings(graph.GraphBaseUrl);
        settings["WhatsAppCloud:PerRecipientBurst"] = "2";
        settings["WhatsAppCloud:PerRecipientInterval"] = "00:00:02";
        await using var app = await MetaWebhooks.StartAppAsync(postgres, settings);
        await app.ScalarAsync<long>(
            """
            with queued as (
                insert into outbox (channel, recipient, body, created_at, next_attempt_at)
                select 'whatsapp', '+919876543210', 'reply ' || n, now(), now() from generate_series(1, 4) n
                returning 1)
            select count(*) from queued
            """);
        await ReportBotApp.EventuallyAsync(async () => await app.ScalarAsync<long>("select count(*) from outbox where status = 'sent'") == 4,
            "the rest follow at the pair rate", TimeSpan.FromSeconds(20));

        // Seconds after the first send: the burst of two together, the others held back by the interval.
        var after = await app.QueryAsync<double>("select extract(epoch from sent_at - min(sent_at) over ())::float8 from outbox order by id");
        // Without the burst the second would wait the whole interval (2 s); the margin is for a busy test machine.
        Assert.True(after[1] < 1.5, $"the second after {after[1]:F1} s: no burst");
        Assert.True(after[2] >= 1.5 && after[3] >= after[2], $"then {after[2]:F1} s and {after[3]:F1} s: the pair rate was not kept");
        Assert.Equal(["reply 1", "reply 2", "reply 3", "reply 4"], graph.Requests.Select(r => JsonNode.Parse(r.Body)!["text"]!["body"]!.ToString()));
    }

    [Fact]
    public async Task Meta_status_with_our_callback_data_proves_an_uncertain_send_sent()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = await MetaWebhooks.StartAppAsync(postgres, graph);
        using var client = app.CreateClient();
        var id = await app.ScalarAsync<long>(
            """
            insert into outbox (channel, recipient, body, status, attempts, uncertain_at, created_at, next_attempt_at)
            values ('whatsapp', '+919876543210', 'Benipur: 1,240', 'uncertain', 1, now(), now(), now()) returning id
            """);
        // pywa's sent status (protocols.md §5), for our number, echoing what we sent as biz_opaque_callback_data.
        var status = $$$$"""{"object":"whatsapp_business_account","entry":[{"id":"5467539754836534","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"972123456789","phone_number_id":"{{{{MetaWebhooks.PhoneNumberId}}}}"},"statuses":[{"id":"wamid.xyzxyz","status":"sent","timestamp":"1698266945","recipient_id":"919876543210","biz_opaque_callback_data":"outbox:{{{{id}}}}","conversation":{"id":"7270432eae37498234f4444b35ffc5","expiration_timestamp":"1698339900","origin":{"type":"service"}},"pricing":{"billable":true,"pricing_model":"CBP","category":"service"}}]},"field":"messages"}]}]}""";

        for (var i = 0; i < 2; i++)
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.SendAsync(MetaWebhooks.Post(System.Text.Encoding.UTF8.GetBytes(status)))).StatusCode);

        Assert.Equal(("sent", "wamid.xyzxyz", "sent"), (await app.QueryAsync<(string, string, string)>(
            "select status, provider_id, delivery_status from outbox where id = @id", new { id })).Single());
        Assert.Empty(graph.Requests);
    }
}
