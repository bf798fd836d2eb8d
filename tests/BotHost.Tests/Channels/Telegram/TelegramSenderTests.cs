using Microsoft.Extensions.Options;
using ReportBot.BotHost.Channels.Telegram;
using ReportBot.BotHost.Outbound;
using ReportBot.BotHost.Tests.Infrastructure;
using ReportBot.Reporting.Groups;

namespace ReportBot.BotHost.Tests.Channels.Telegram;

/// <summary>What goes out to Telegram's Bot API, byte for byte, and how each kind of answer is classified.</summary>
public sealed class TelegramSenderTests : IAsyncLifetime
{
    FakeTelegramApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeTelegramApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    TelegramSender Sender(TimeSpan? timeout = null, string? apiBaseUrl = null) => new(
        new HttpClient(new LoopbackOnly.Guard { InnerHandler = new HttpClientHandler() }) { Timeout = timeout ?? TimeSpan.FromSeconds(10) },
        Options.Create(new TelegramOptions
        {
            BotToken = TelegramWebhooks.BotToken, WebhookSecret = TelegramWebhooks.WebhookSecret, BotUsername = TelegramWebhooks.BotUsername,
            ApiBaseUrl = apiBaseUrl ?? _api.BaseUrl + "/",
        }));

    [Fact]
    public async Task Sends_text_to_the_chat_as_json_with_the_token_in_the_path()
    {
        var result = await Sender().SendAsync(new OutboundMessage(7, "5512345678", "✅ Benipur — 1,240 Ayushman cards\n\"बेनीपुर\""), default);

        Assert.Equal(FakeTelegramApi.FirstMessageId.ToString(), Assert.IsType<SendResult.Sent>(result).ProviderId);
        var request = Assert.Single(_api.Requests);
        Assert.Equal(TelegramWebhooks.BotToken, request.Token);
        Assert.Equal("sendMessage", request.Method);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal("""{"chat_id":5512345678,"text":"✅ Benipur — 1,240 Ayushman cards\n\"बेनीपुर\""}""", request.Body);
    }

    [Fact]
    public async Task A_reply_in_a_group_quotes_the_members_message_even_if_it_is_gone()
    {
        var result = await Sender().SendAsync(new OutboundMessage(8, "-1001987654321", "Benipur: 1,240", QuoteRef: "2231", ToGroup: true), default);

        Assert.IsType<SendResult.Sent>(result);
        Assert.Equal(
            """{"chat_id":-1001987654321,"text":"Benipur: 1,240","reply_parameters":{"message_id":2231,"allow_sending_without_reply":true}}""",
            Assert.Single(_api.Requests).Body);
    }

    [Theory]
    [InlineData(Acknowledgement.Recorded, "👍")]
    [InlineData(Acknowledgement.Changed, "✍")]
    public async Task A_reaction_goes_to_setMessageReaction_on_the_quoted_message(Acknowledgement acknowledgement, string emoji)
    {
        var result = await Sender().SendAsync(
            new OutboundMessage(9, "-1001987654321", "", QuoteRef: "2231", Reaction: acknowledgement, ToGroup: true), default);

        Assert.Null(Assert.IsType<SendResult.Sent>(result).ProviderId);
        var request = Assert.Single(_api.Requests);
        Assert.Equal("setMessageReaction", request.Method);
        Assert.Equal(
            $$"""{"chat_id":-1001987654321,"message_id":2231,"reaction":[{"type":"emoji","emoji":"{{Escaped(emoji)}}"}]}""",
            request.Body);
        Assert.Equal(emoji, request.Json.GetProperty("reaction")[0].GetProperty("emoji").GetString());
    }

    [Fact]
    public async Task A_reaction_without_a_message_to_react_to_fails_without_a_request()
    {
        var result = await Sender().SendAsync(new OutboundMessage(9, "-1001987654321", "", Reaction: Acknowledgement.Recorded), default);

        Assert.IsType<SendResult.Failed>(result);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task Mentions_are_text_mentions_at_utf16_offsets_after_devanagari_text()
    {
        // "बेनीपुर" is 7 UTF-16 code units; the emoji before the second name is 2 (a surrogate pair).
        const string body = "बेनीपुर: सुनीता देवी, कृपया आज का आंकड़ा भेजें। 🙏 Ramesh Kumar भी।";
        var mentions = new[] { new Mention("6623456789", "सुनीता देवी"), new Mention("5512345678", "Ramesh Kumar") };

        await Sender().SendAsync(new OutboundMessage(10, "-1001987654321", body, Mentions: mentions, ToGroup: true), default);

        var sunita = body.IndexOf("सुनीता देवी", StringComparison.Ordinal);
        var ramesh = body.IndexOf("Ramesh Kumar", StringComparison.Ordinal);
        Assert.Equal((9, 51), (sunita, ramesh)); // counted by hand: UTF-16 code units, not bytes, not code points
        Assert.Equal(
            $$$"""{"chat_id":-1001987654321,"text":"{{{body}}}","entities":[{"type":"text_mention","offset":9,"length":11,"user":{"id":6623456789}},{"type":"text_mention","offset":51,"length":12,"user":{"id":5512345678}}]}""",
            Unescaped(Assert.Single(_api.Requests).Body));
    }

    [Fact]
    public async Task A_name_mentioned_twice_is_marked_at_each_place_and_a_name_not_in_the_body_is_skipped()
    {
        const string body = "Ramesh Kumar: Benipur. Ramesh Kumar: Jale.";
        var mentions = new[] { new Mention("5512345678", "Ramesh Kumar"), new Mention("5512345678", "Ramesh Kumar"), new Mention("7734567890", "Kavita Jha") };

        await Sender().SendAsync(new OutboundMessage(11, "-1001987654321", body, Mentions: mentions, ToGroup: true), default);

        Assert.Equal(
            """{"chat_id":-1001987654321,"text":"Ramesh Kumar: Benipur. Ramesh Kumar: Jale.","entities":[{"type":"text_mention","offset":0,"length":12,"user":{"id":5512345678}},{"type":"text_mention","offset":23,"length":12,"user":{"id":5512345678}}]}""",
            Assert.Single(_api.Requests).Body);
    }

    [Fact]
    public async Task Whatsapp_bold_in_a_reply_is_sent_as_a_bold_entity_not_as_asterisks()
    {
        await Sender().SendAsync(new OutboundMessage(14, "5512345678", "✅ *Benipur* — 1,240 Ayushman cards for Wed 3 Dec."), default);

        Assert.Equal(
            """{"chat_id":5512345678,"text":"✅ Benipur — 1,240 Ayushman cards for Wed 3 Dec.","entities":[{"type":"bold","offset":2,"length":7}]}""",
            Assert.Single(_api.Requests).Body);
    }

    [Fact]
    public async Task A_mention_inside_bold_nests_in_it_at_offsets_of_the_text_without_marks()
    {
        const string body = "⏰ *बेनीपुर — सुनीता देवी*: आज का आंकड़ा बाकी है।";
        await Sender().SendAsync(new OutboundMessage(15, "-1001987654321", body, Mentions: [new Mention("6623456789", "सुनीता देवी")], ToGroup: true), default);

        // "⏰ " is 2 code units; the bold span is "बेनीपुर — सुनीता देवी" (7 + 3 + 11), the name starts 10 units into it.
        Assert.Equal(
            """{"chat_id":-1001987654321,"text":"⏰ बेनीपुर — सुनीता देवी: आज का आंकड़ा बाकी है।","entities":[{"type":"bold","offset":2,"length":21},{"type":"text_mention","offset":12,"length":11,"user":{"id":6623456789}}]}""",
            Assert.Single(_api.Requests).Body);
    }

    [Fact]
    public async Task Asking_for_the_contact_offers_a_one_time_share_my_phone_button()
    {
        await Sender().SendAsync(new OutboundMessage(12, "5512345678", "Please share your number.", AskContact: true), default);

        Assert.Equal(
            """{"chat_id":5512345678,"text":"Please share your number.","reply_markup":{"keyboard":[[{"text":"📱 Share my phone number / मेरा नंबर भेजें","request_contact":true}]],"one_time_keyboard":true,"resize_keyboard":true}}""",
            Unescaped(Assert.Single(_api.Requests).Body));
    }

    [Fact]
    public async Task An_address_made_from_a_phone_fails_without_a_request()
    {
        var sender = Sender();
        var address = sender.AddressFor("919876543210");

        var result = await sender.SendAsync(new OutboundMessage(13, address, "Reminder"), default);

        Assert.Equal("phone:+919876543210", address);
        Assert.Contains("share their contact", Assert.IsType<SendResult.Failed>(result).Error);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task Too_many_requests_is_retryable_and_says_how_long_telegram_asks_to_wait()
    {
        _api.ThenAnswer(429, "Too Many Requests: retry after 35", retryAfter: 35);

        var result = await Sender().SendAsync(new OutboundMessage(1, "5512345678", "hi"), default);

        var retryable = Assert.IsType<SendResult.Retryable>(result);
        Assert.Equal("HTTP 429, Telegram: Too Many Requests: retry after 35 (retry_after 35 s)", retryable.Error);
        Assert.Equal(TimeSpan.FromSeconds(35), retryable.After); // the outbox waits at least this long
    }

    [Theory]
    [InlineData(400, "Bad Request: chat not found", typeof(SendResult.Failed))]
    [InlineData(400, "Bad Request: message to react not found", typeof(SendResult.Failed))]
    [InlineData(403, "Forbidden: bot was blocked by the user", typeof(SendResult.Failed))]
    [InlineData(403, "Forbidden: bot was kicked from the supergroup chat", typeof(SendResult.Failed))]
    [InlineData(401, "Unauthorized", typeof(SendResult.Unauthorized))]
    [InlineData(404, "Not Found", typeof(SendResult.Unauthorized))] // the token of no bot
    [InlineData(500, "Internal Server Error", typeof(SendResult.Retryable))]
    [InlineData(502, "Bad Gateway", typeof(SendResult.Retryable))]
    public async Task Classifies_telegram_errors(int status, string description, Type expected)
    {
        _api.ThenAnswer(status, description);

        var result = await Sender().SendAsync(new OutboundMessage(1, "5512345678", "hi"), default);

        Assert.IsType(expected, result);
        Assert.Equal($"HTTP {status}, Telegram: {description}", Error(result));
    }

    [Fact]
    public async Task A_5xx_without_telegrams_envelope_is_retryable()
    {
        _api.ThenAnswerRaw(502, "<html>Bad Gateway</html>");
        Assert.IsType<SendResult.Retryable>(await Sender().SendAsync(new OutboundMessage(1, "5512345678", "hi"), default));
    }

    [Fact]
    public async Task A_200_that_is_no_bot_api_answer_is_uncertain()
    {
        _api.ThenAnswerRaw(200, "<html>Welcome to the captive portal</html>");
        Assert.IsType<SendResult.Uncertain>(await Sender().SendAsync(new OutboundMessage(1, "5512345678", "hi"), default));
    }

    [Fact]
    public async Task A_lost_answer_is_uncertain_so_it_is_not_sent_again()
    {
        _api.ThenHang(TimeSpan.FromSeconds(2));
        var result = await Sender(timeout: TimeSpan.FromMilliseconds(300)).SendAsync(new OutboundMessage(1, "5512345678", "hi"), default);
        Assert.IsType<SendResult.Uncertain>(result);
    }

    [Fact]
    public async Task No_server_at_all_is_retryable() =>
        Assert.IsType<SendResult.Retryable>(await Sender(apiBaseUrl: "http://127.0.0.1:9")
            .SendAsync(new OutboundMessage(1, "5512345678", "hi"), default));

    [Fact]
    public async Task The_token_never_appears_in_an_error()
    {
        _api.ThenAnswer(401, "Unauthorized");
        var unauthorized = await Sender().SendAsync(new OutboundMessage(1, "5512345678", "hi"), default);
        var unreachable = await Sender(apiBaseUrl: "http://127.0.0.1:9").SendAsync(new OutboundMessage(1, "5512345678", "hi"), default);

        Assert.DoesNotContain(TelegramWebhooks.BotToken, Error(unauthorized));
        Assert.DoesNotContain(TelegramWebhooks.BotToken, Error(unreachable));
        Assert.DoesNotContain("AAHdqTcv", Error(unreachable));
    }

    [Fact]
    public void States_telegrams_abilities_and_limits()
    {
        var sender = Sender();

        Assert.Equal("telegram", sender.Channel);
        Assert.Equal(new ChannelAbilities(Groups: true, Reactions: true, Mentions: true, WritesFirst: false, "https://t.me/DarbhangaReportBot?start=link", ImageCaption: 1024),
            sender.Abilities);
        Assert.False(sender.HasMessagingWindow);
        Assert.False(sender.ConfirmsDelivery);
        Assert.True(sender.IsConfigured);
        Assert.Equal((30, 4096, TimeSpan.FromSeconds(3)), (sender.Limits.MessagesPerSecond, sender.Limits.MaxBodyLength, sender.Limits.PerRecipientInterval));
        Assert.Empty(sender.Limits.WindowErrorCodes);
    }

    /// <summary>System.Text.Json writes characters outside the BMP (emoji) as \u escapes, even with relaxed escaping.</summary>
    static string Escaped(string text) =>
        string.Concat(text.Select(c => char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString()));

    /// <summary>The body with those escapes read back, so an expected body can be written as people read it.</summary>
    static string Unescaped(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, @"\\u(D[89AB][0-9A-F]{2})\\u(D[C-F][0-9A-F]{2})",
            m => new string([(char)Convert.ToInt32(m.Groups[1].Value, 16), (char)Convert.ToInt32(m.Groups[2].Value, 16)]));

    static string Error(SendResult result) => result switch
    {
        SendResult.Retryable r => r.Error,
        SendResult.Failed f => f.Error,
        SendResult.Unauthorized u => u.Error,
        SendResult.OutsideWindow o => o.Error,
        SendResult.Uncertain u => u.Error,
        _ => "",
    };

    static readonly OutboundImage Chart = new(41, "chart-2026-12-07-en.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]);

    [Fact]
    public async Task A_picture_goes_to_sendPhoto_as_a_multipart_file_with_the_body_as_its_caption()
    {
        var result = await Sender().SendAsync(new OutboundMessage(9, "-1001987654321", "*Darbhanga* — 7/12", ToGroup: true, Image: Chart), default);

        Assert.Equal(FakeTelegramApi.FirstMessageId.ToString(), Assert.IsType<SendResult.Sent>(result).ProviderId);
        var request = Assert.Single(_api.Requests);
        Assert.Equal("sendPhoto", request.Method);
        Assert.StartsWith("multipart/form-data", request.ContentType);
        Assert.Equal(new Dictionary<string, string>
        {
            ["chat_id"] = "-1001987654321",
            ["caption"] = "Darbhanga — 7/12",
            ["caption_entities"] = """[{"type":"bold","offset":0,"length":9}]""",
        }, request.Form);
        Assert.Equal(("chart-2026-12-07-en.png", "image/png"), (request.Photo!.Value.Name, request.Photo.Value.Type));
        Assert.Equal(Chart.Png, request.Photo.Value.Bytes);
    }

    [Fact]
    public async Task The_picture_alone_has_no_caption()
    {
        await Sender().SendAsync(new OutboundMessage(9, "-1001987654321", "", ToGroup: true, Image: Chart), default);
        Assert.Equal(["chat_id"], Assert.Single(_api.Requests).Form!.Keys);
    }

    [Fact]
    public async Task A_photo_telegram_refuses_is_an_image_refusal_and_a_lost_chat_is_not()
    {
        _api.ThenAnswer(400, "Bad Request: PHOTO_INVALID_DIMENSIONS");
        Assert.IsType<SendResult.ImageRefused>(await Sender().SendAsync(new OutboundMessage(9, "-1001987654321", "s", Image: Chart), default));
        _api.ThenAnswer(400, "Bad Request: chat not found");
        Assert.IsType<SendResult.Failed>(await Sender().SendAsync(new OutboundMessage(9, "-1001987654321", "s", Image: Chart), default));
    }
}
