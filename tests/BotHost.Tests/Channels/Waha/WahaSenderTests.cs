using Microsoft.Extensions.Options;
using ReportBot.BotHost.Channels.Waha;
using ReportBot.BotHost.Outbound;
using ReportBot.BotHost.Tests.Infrastructure;
using ReportBot.Reporting.Groups;

namespace ReportBot.BotHost.Tests.Channels.Waha;

/// <summary>What goes out to WAHA's API, byte for byte, and how each kind of answer is classified.</summary>
public sealed class WahaSenderTests : IAsyncLifetime
{
    const string Group = "120363041234567890@g.us";
    const string RameshsReport = $"false_{Group}_3EB0C767D0B1A2F34B5E_919876543210@c.us";

    FakeWahaApi _waha = null!;

    public async Task InitializeAsync() => _waha = await FakeWahaApi.StartAsync();

    public async Task DisposeAsync() => await _waha.DisposeAsync();

    WahaSender Sender(TimeSpan? timeout = null, string? baseUrl = null) => new(
        new HttpClient(new LoopbackOnly.Guard { InnerHandler = new HttpClientHandler() }) { Timeout = timeout ?? TimeSpan.FromSeconds(10) },
        Options.Create(new WahaOptions { BaseUrl = baseUrl ?? _waha.BaseUrl + "/", ApiKey = "s3cret-api-key", WebhookHmacKey = WahaWebhooks.HmacKey }));

    async Task<FakeWahaApi.Received> SentAsync(OutboundMessage message)
    {
        Assert.IsType<SendResult.Sent>(await Sender().SendAsync(message, default));
        return Assert.Single(_waha.Requests);
    }

    [Fact]
    public async Task Sends_text_as_json_with_the_api_key_to_send_text()
    {
        var result = await Sender().SendAsync(new OutboundMessage(7, "919876543210@c.us", "✅ *Benipur* — 1,240 Ayushman cards\n\"बेनीपुर\""), default);

        Assert.Equal(FakeWahaApi.MessageIdFor(1), Assert.IsType<SendResult.Sent>(result).ProviderId);
        var request = Assert.Single(_waha.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/sendText", request.Path);
        Assert.Equal("s3cret-api-key", request.ApiKey);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal(
            """{"session":"default","chatId":"919876543210@c.us","text":"✅ *Benipur* — 1,240 Ayushman cards\n\"बेनीपुर\""}""",
            request.Body);
    }

    [Fact]
    public async Task A_phone_address_from_elsewhere_becomes_a_chat_id() =>
        Assert.Equal("""{"session":"default","chatId":"919876543210@c.us","text":"hi"}""",
            (await SentAsync(new OutboundMessage(7, "+919876543210", "hi"))).Body);

    [Fact]
    public async Task A_quoted_reply_names_the_message_it_answers() =>
        Assert.Equal(
            $$"""{"session":"default","chatId":"{{Group}}","text":"Benipur: I read 1,240, but the target is 124.","reply_to":"{{RameshsReport}}"}""",
            (await SentAsync(new OutboundMessage(8, Group, "Benipur: I read 1,240, but the target is 124.", QuoteRef: RameshsReport, ToGroup: true))).Body);

    [Theory]
    [InlineData(Acknowledgement.Recorded, "✅")]
    [InlineData(Acknowledgement.Changed, "✏️")]
    public async Task A_reaction_goes_on_the_message_it_acknowledges(Acknowledgement acknowledgement, string emoji)
    {
        var request = await SentAsync(new OutboundMessage(9, Group, "", QuoteRef: RameshsReport, Reaction: acknowledgement, ToGroup: true));

        Assert.Equal("PUT", request.Method);
        Assert.Equal("/api/reaction", request.Path);
        Assert.Equal("s3cret-api-key", request.ApiKey);
        Assert.Equal($$"""{"session":"default","messageId":"{{RameshsReport}}","reaction":"{{emoji}}"}""", request.Body);
    }

    [Fact]
    public async Task A_reaction_without_its_message_fails_without_a_request()
    {
        Assert.IsType<SendResult.Failed>(await Sender().SendAsync(new OutboundMessage(9, Group, "", Reaction: Acknowledgement.Recorded), default));
        Assert.Empty(_waha.Requests);
    }

    [Fact]
    public async Task Mentions_put_each_members_number_in_place_of_their_name_and_list_their_addresses()
    {
        var message = new OutboundMessage(10, Group, "Still missing today: Ramesh Kumar (Benipur), Kavita Jha (Baheri).",
            Mentions: [new Mention("919876543210@c.us", "Ramesh Kumar"), new Mention("201234567890123@lid", "Kavita Jha")], ToGroup: true);

        Assert.Equal(
            $$"""{"session":"default","chatId":"{{Group}}","text":"Still missing today: @919876543210 (Benipur), @201234567890123 (Baheri).","mentions":["919876543210@c.us","201234567890123@lid"]}""",
            (await SentAsync(message)).Body);
    }

    [Theory]
    [InlineData(429, typeof(SendResult.Retryable))]
    [InlineData(500, typeof(SendResult.Retryable))] // the engine failed, or the session is not WORKING
    [InlineData(503, typeof(SendResult.Retryable))]
    [InlineData(422, typeof(SendResult.Failed))] // e.g. "Session status is not as expected" is 422 too: for good as far as this send goes
    [InlineData(400, typeof(SendResult.Failed))]
    [InlineData(404, typeof(SendResult.Failed))]
    [InlineData(401, typeof(SendResult.Unauthorized))]
    [InlineData(403, typeof(SendResult.Unauthorized))]
    public async Task Classifies_wahas_answers(int status, Type expected)
    {
        _waha.ThenAnswer(status, "scripted failure");

        var result = await Sender().SendAsync(new OutboundMessage(1, "919876543210@c.us", "hi"), default);

        Assert.IsType(expected, result);
        Assert.Contains($"HTTP {status}", Error(result));
        Assert.Contains("scripted failure", Error(result));
        Assert.DoesNotContain("s3cret-api-key", Error(result));
    }

    [Fact]
    public async Task A_lost_answer_is_uncertain_so_it_is_not_sent_again()
    {
        _waha.ThenHang(TimeSpan.FromSeconds(2));
        Assert.IsType<SendResult.Uncertain>(await Sender(timeout: TimeSpan.FromMilliseconds(300))
            .SendAsync(new OutboundMessage(1, "919876543210@c.us", "hi"), default));
    }

    [Fact]
    public async Task No_server_at_all_is_retryable() =>
        Assert.IsType<SendResult.Retryable>(await Sender(baseUrl: "http://127.0.0.1:9")
            .SendAsync(new OutboundMessage(1, "919876543210@c.us", "hi"), default));

    [Fact]
    public void States_a_linked_phones_abilities_and_pace()
    {
        IChannelSender sender = Sender();

        Assert.Equal(new ChannelAbilities(Groups: true, Reactions: true, Mentions: true, WritesFirst: true, LinkAccount: null, ImageCaption: 1024), sender.Abilities);
        Assert.False(sender.HasMessagingWindow);
        Assert.False(sender.ConfirmsDelivery);
        Assert.Equal("919876543210@c.us", sender.AddressFor("919876543210"));
        Assert.Equal(1, sender.Limits.MessagesPerSecond);
        Assert.Equal(4096, sender.Limits.MaxBodyLength);
    }

    static string Error(SendResult result) => result switch
    {
        SendResult.Retryable r => r.Error,
        SendResult.Failed f => f.Error,
        SendResult.Unauthorized u => u.Error,
        SendResult.Uncertain u => u.Error,
        _ => "",
    };

    static readonly OutboundImage Chart = new(41, "chart-2026-12-07-hi.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]);

    [Fact]
    public async Task A_picture_goes_to_sendImage_as_base64_with_the_body_as_its_caption()
    {
        var request = await SentAsync(new OutboundMessage(9, Group, "दरभंगा — 7/12", ToGroup: true, Image: Chart));

        Assert.Equal(("POST", "/api/sendImage", "s3cret-api-key"), (request.Method, request.Path, request.ApiKey));
        Assert.Equal(
            """{"session":"default","chatId":"120363041234567890@g.us","file":{"mimetype":"image/png","filename":"chart-2026-12-07-hi.png","data":"iVBORw0K"},"caption":"दरभंगा — 7/12"}""",
            request.Body);
    }

    [Fact]
    public async Task The_picture_alone_has_no_caption()
    {
        var request = await SentAsync(new OutboundMessage(9, Group, "", ToGroup: true, Image: Chart));
        Assert.False(request.Json.TryGetProperty("caption", out _));
        Assert.Equal("iVBORw0K", request.Json.GetProperty("file").GetProperty("data").GetString());
    }

    [Theory]
    [InlineData(422, "The feature is available only in Plus version for 'WEBJS' engine")]
    [InlineData(501, "Not implemented in WAHA Core")]
    public async Task A_picture_waha_refuses_is_an_image_refusal_so_the_text_goes_alone(int status, string message)
    {
        _waha.ThenAnswer(status, message);
        var result = await Sender().SendAsync(new OutboundMessage(9, Group, "summary", ToGroup: true, Image: Chart), default);
        Assert.Contains(message, Assert.IsType<SendResult.ImageRefused>(result).Error);
    }
}
