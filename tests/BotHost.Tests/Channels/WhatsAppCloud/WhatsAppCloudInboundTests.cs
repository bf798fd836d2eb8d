using System.Text;
using ReportBot.BotHost.Channels.WhatsAppCloud;
using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;

namespace ReportBot.BotHost.Tests.Channels.WhatsAppCloud;

/// <summary>The translation alone, for the message kinds the host harness does not carry through.</summary>
public sealed class WhatsAppCloudInboundTests
{
    static readonly DateTimeOffset Now = new(2025, 12, 3, 9, 30, 0, TimeSpan.Zero);

    static WhatsAppCloudInbound.Batch Parse(string messagesOrStatuses)
    {
        var json = $$$"""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",{{{messagesOrStatuses}}}}}]}]}""";
        return WhatsAppCloudInbound.Parse(Encoding.UTF8.GetBytes(json), json, Now)!;
    }

    static InboundMessage Single(string message) => Assert.Single(Parse($$"""
        "messages":[{"from":"919876543210","id":"wamid.A","timestamp":"1764750600",{{message}}}]
        """).Messages);

    [Fact]
    public void A_list_row_is_read_by_its_title() =>
        Assert.Equal("Benipur 1240", Single("""
            "type":"interactive","interactive":{"type":"list_reply","list_reply":{"id":"benipur-1240","title":"Benipur 1240","description":"today"}}
            """).Text);

    [Theory]
    [InlineData(""" "type":"document","document":{"caption":"Benipur 1240","filename":"report.pdf","mime_type":"application/pdf","id":"1"} """, "Benipur 1240", 1)]
    [InlineData(""" "type":"audio","audio":{"mime_type":"audio/ogg; codecs=opus","voice":true,"id":"2"} """, "", 1)]
    [InlineData(""" "type":"reaction","reaction":{"message_id":"wamid.B","emoji":"👍"} """, "", 0)]
    [InlineData(""" "type":"location","location":{"latitude":26.15,"longitude":85.9} """, "", 0)]
    [InlineData(""" "type":"unsupported","errors":[{"code":131051,"title":"Message type unknown"}] """, "", 0)]
    public void Other_kinds_are_kept_with_their_caption_or_nothing(string part, string text, int mediaCount)
    {
        var message = Single(part);
        Assert.Equal((text, mediaCount), (message.Text, message.MediaCount));
        Assert.Equal(("whatsapp", "wamid.A", "+919876543210", Now), (message.Channel, message.ExternalId, message.Sender, message.ReceivedAt));
    }

    [Fact]
    public void Statuses_carry_metas_time_and_first_error_code()
    {
        var batch = Parse("""
            "statuses":[
              {"id":"wamid.A","status":"failed","timestamp":"1764750612","recipient_id":"919876543210","errors":[{"code":131026,"title":"Message undeliverable"}]},
              {"id":"wamid.B","status":"played","timestamp":"1764750613","recipient_id":"919876543210"},
              {"id":"wamid.C","status":"read","recipient_id":"919876543210"}]
            """);
        Assert.Equal(
            [
                new DeliveryReport("whatsapp", "wamid.A", DeliveryState.Failed, "131026", DateTimeOffset.FromUnixTimeSeconds(1764750612)),
                new DeliveryReport("whatsapp", "wamid.C", DeliveryState.Read, null, Now),
            ],
            batch.Statuses);
    }

    [Fact]
    public void Changes_other_than_messages_are_ignored()
    {
        var json = """{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"message_template_status_update","value":{"event":"APPROVED","message_template_name":"daily_summary_v2"}}]}]}""";
        var batch = WhatsAppCloudInbound.Parse(Encoding.UTF8.GetBytes(json), json, Now)!;
        Assert.Empty(batch.Messages);
        Assert.Empty(batch.Statuses);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"entry\":")]
    public void Not_a_json_object_is_no_batch(string json) =>
        Assert.Null(WhatsAppCloudInbound.Parse(Encoding.UTF8.GetBytes(json), json, Now));
}
