using Microsoft.Extensions.Options;
using ReportBot.BotHost.Channels.WhatsAppCloud;
using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Channels.WhatsAppCloud;

/// <summary>What goes out to Meta's Graph API, byte for byte, and how each kind of answer is classified.</summary>
public sealed class WhatsAppCloudSenderTests : IAsyncLifetime
{
    FakeGraphApi _graph = null!;

    public async Task InitializeAsync() => _graph = await FakeGraphApi.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    WhatsAppCloudSender Sender(TimeSpan? timeout = null, string? graphBaseUrl = null) => new(
        new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(10) },
        Options.Create(new WhatsAppCloudOptions
        {
            AppSecret = MetaWebhooks.AppSecret, AccessToken = "s3cret-access-token", VerifyToken = MetaWebhooks.VerifyToken,
            PhoneNumberId = MetaWebhooks.PhoneNumberId, GraphBaseUrl = graphBaseUrl ?? _graph.GraphBaseUrl + "/",
            Templates = new()
            {
                ["daily_summary"] = new()
                {
                    ["en"] = new MetaTemplate { Name = "daily_summary_v2", Language = "en_US" },
                    ["hi"] = new MetaTemplate { Name = "daily_summary_hi", Language = "hi" },
                },
            },
        }));

    [Fact]
    public async Task Sends_text_as_json_with_a_bearer_token_to_the_numbers_messages_edge()
    {
        var result = await Sender().SendAsync(new OutboundMessage(7, "+919876543210", "✅ *Benipur* — 1,240 Ayushman cards\n\"बेनीपुर\""), default);

        Assert.Equal(FakeGraphApi.WamidFor(1), Assert.IsType<SendResult.Sent>(result).ProviderId);
        var request = Assert.Single(_graph.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v23.0/106540352242922/messages", request.Path);
        Assert.Equal("Bearer s3cret-access-token", request.Authorization);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal(
            """{"messaging_product":"whatsapp","recipient_type":"individual","to":"919876543210","type":"text","text":{"preview_url":false,"body":"✅ *Benipur* — 1,240 Ayushman cards\n\"बेनीपुर\""},"biz_opaque_callback_data":"outbox:7"}""",
            request.Body);
    }

    [Fact]
    public async Task Sends_a_template_by_its_configured_meta_name_and_language_with_the_variables_in_order()
    {
        var template = new MessageTemplate("daily_summary", "en", ["Benipur", "1,240", "Wed 3 Dec"]);

        var result = await Sender().SendAsync(new OutboundMessage(8, "+919876543210", "(fallback text)", template), default);

        Assert.IsType<SendResult.Sent>(result);
        Assert.Equal(
            """{"messaging_product":"whatsapp","recipient_type":"individual","to":"919876543210","type":"template","template":{"name":"daily_summary_v2","language":{"policy":"deterministic","code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Benipur"},{"type":"text","text":"1,240"},{"type":"text","text":"Wed 3 Dec"}]}]},"biz_opaque_callback_data":"outbox:8"}""",
            Assert.Single(_graph.Requests).Body);
    }

    [Fact]
    public async Task A_template_without_variables_has_no_components()
    {
        await Sender().SendAsync(new OutboundMessage(8, "+919876543211", "", new MessageTemplate("daily_summary", "hi", [])), default);

        Assert.Equal(
            """{"messaging_product":"whatsapp","recipient_type":"individual","to":"919876543211","type":"template","template":{"name":"daily_summary_hi","language":{"policy":"deterministic","code":"hi"}},"biz_opaque_callback_data":"outbox:8"}""",
            Assert.Single(_graph.Requests).Body);
    }

    [Fact]
    public async Task A_template_with_no_meta_counterpart_fails_without_a_request()
    {
        var result = await Sender().SendAsync(new OutboundMessage(8, "+919876543210", "", new MessageTemplate("weekly_summary", "en", ["x"])), default);

        Assert.Contains("WhatsAppCloud:Templates:weekly_summary:en", Assert.IsType<SendResult.Failed>(result).Error);
        Assert.Empty(_graph.Requests);
    }

    [Theory]
    [InlineData(429, 130429, typeof(SendResult.Retryable))] // the number's throughput
    [InlineData(429, 131056, typeof(SendResult.Retryable))] // pair rate limit
    [InlineData(400, 131056, typeof(SendResult.Retryable))]
    [InlineData(400, 131047, typeof(SendResult.OutsideWindow))] // re-engagement: outside the 24-hour window
    [InlineData(400, 131026, typeof(SendResult.Failed))] // undeliverable
    [InlineData(401, 190, typeof(SendResult.Unauthorized))] // expired or revoked token
    [InlineData(400, 190, typeof(SendResult.Unauthorized))]
    [InlineData(401, 0, typeof(SendResult.Unauthorized))]
    [InlineData(500, 131000, typeof(SendResult.Retryable))] // "something went wrong"
    [InlineData(503, 2, typeof(SendResult.Retryable))]
    [InlineData(400, 100, typeof(SendResult.Failed))] // invalid parameter
    [InlineData(404, 100, typeof(SendResult.Failed))]
    public async Task Classifies_meta_errors(int status, int code, Type expected)
    {
        _graph.ThenAnswer(status, code, "scripted");

        var result = await Sender().SendAsync(new OutboundMessage(1, "+919876543210", "hi"), default);

        Assert.IsType(expected, result);
        Assert.Contains($"Meta error {code}", Error(result));
    }

    [Fact]
    public async Task A_5xx_without_a_graph_envelope_is_retryable()
    {
        _graph.ThenAnswerRaw(502, "<html>Bad Gateway</html>");
        Assert.IsType<SendResult.Retryable>(await Sender().SendAsync(new OutboundMessage(1, "+919876543210", "hi"), default));
    }

    [Fact]
    public async Task A_lost_answer_is_uncertain_so_it_is_not_sent_again()
    {
        _graph.ThenHang(TimeSpan.FromSeconds(2));
        var result = await Sender(timeout: TimeSpan.FromMilliseconds(300)).SendAsync(new OutboundMessage(1, "+919876543210", "hi"), default);
        Assert.IsType<SendResult.Uncertain>(result);
    }

    [Fact]
    public async Task No_server_at_all_is_retryable() =>
        Assert.IsType<SendResult.Retryable>(await Sender(graphBaseUrl: "http://127.0.0.1:9/v23.0")
            .SendAsync(new OutboundMessage(1, "+919876543210", "hi"), default));

    [Fact]
    public async Task The_access_token_never_appears_in_an_error()
    {
        _graph.ThenAnswer(401, 190, "Error validating access token: Session has expired");
        var result = await Sender().SendAsync(new OutboundMessage(1, "+919876543210", "hi"), default);
        Assert.DoesNotContain("s3cret-access-token", Assert.IsType<SendResult.Unauthorized>(result).Error);
    }

    static string Error(SendResult result) => result switch
    {
        SendResult.Retryable r => r.Error,
        SendResult.Failed f => f.Error,
        SendResult.Unauthorized u => u.Error,
        SendResult.OutsideWindow o => o.Error,
        SendResult.Uncertain u => u.Error,
        _ => "",
    };

    static readonly OutboundImage Chart = new(41, "chart-2026-12-07-hi.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]);

    [Fact]
    public async Task A_picture_is_uploaded_to_the_media_edge_then_sent_by_its_id_with_the_caption()
    {
        var result = await Sender().SendAsync(new OutboundMessage(9, "120363041234567890", "दरभंगा — 7/12", ToGroup: true, Image: Chart), default);

        Assert.Equal(FakeGraphApi.WamidFor(1), Assert.IsType<SendResult.Sent>(result).ProviderId);
        var upload = Assert.Single(_graph.Uploads);
        Assert.Equal($"/v23.0/{MetaWebhooks.PhoneNumberId}/media", upload.Path);
        Assert.Equal("Bearer s3cret-access-token", upload.Authorization);
        Assert.Equal(new Dictionary<string, string> { ["messaging_product"] = "whatsapp", ["type"] = "image/png" }, upload.Fields);
        Assert.Equal(("chart-2026-12-07-hi.png", "image/png"), (upload.FileName, upload.FileType));
        Assert.Equal(Chart.Png, upload.File);
        Assert.Equal(
            $$"""{"messaging_product":"whatsapp","recipient_type":"group","to":"120363041234567890","type":"image","image":{"id":"{{FakeGraphApi.MediaIdFor(1)}}","caption":"दरभंगा — 7/12"},"biz_opaque_callback_data":"outbox:9"}""",
            Assert.Single(_graph.Requests).Body);
    }

    [Fact]
    public async Task One_picture_is_uploaded_once_for_many_messages()
    {
        var sender = Sender();
        await sender.SendAsync(new OutboundMessage(9, "+919876543210", "", Image: Chart), default);
        await sender.SendAsync(new OutboundMessage(10, "+919876543211", "", Image: Chart), default);

        Assert.Single(_graph.Uploads);
        Assert.All(_graph.Requests, r => Assert.Equal(
            $$"""{"id":"{{FakeGraphApi.MediaIdFor(1)}}"}""", r.Json.GetProperty("image").GetRawText()));
    }

    [Fact]
    public async Task A_refused_upload_is_an_image_refusal_and_nothing_is_sent()
    {
        _graph.ThenRefuseUpload(400, 131053, "Media upload error");
        var result = await Sender().SendAsync(new OutboundMessage(9, "+919876543210", "summary", Image: Chart), default);
        Assert.Contains("131053", Assert.IsType<SendResult.ImageRefused>(result).Error);
        Assert.Empty(_graph.Requests);
    }

    [Fact]
    public async Task A_template_goes_without_the_picture()
    {
        await Sender().SendAsync(new OutboundMessage(9, "+919876543210", "summary",
            new MessageTemplate("daily_summary", "en", ["Darbhanga"]), Image: Chart), default);
        Assert.Empty(_graph.Uploads);
        Assert.Equal("template", Assert.Single(_graph.Requests).Json.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_picture_meta_cannot_take_at_send_is_an_image_refusal()
    {
        _graph.ThenAnswer(400, 131053, "Media upload error");
        var result = await Sender().SendAsync(new OutboundMessage(9, "+919876543210", "summary", Image: Chart), default);
        Assert.Contains("131053", Assert.IsType<SendResult.ImageRefused>(result).Error);
    }
}
