using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReportBot.BotHost.Channels.Twilio;
using ReportBot.BotHost.Inbound;
using ReportBot.BotHost.Outbound;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Channels.Twilio;

/// <summary>What goes out to Twilio's Messages API, byte for byte, and how each kind of answer is classified.</summary>
public sealed class TwilioSenderTests : IAsyncLifetime
{
    FakeTwilioApi _twilio = null!;

    public async Task InitializeAsync() => _twilio = await FakeTwilioApi.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 7, 12, 30, 0, TimeSpan.Zero));

    TwilioSender Sender(TimeSpan? timeout = null, string? publicBaseUrl = null) => new(
        new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(10) },
        Options.Create(new TwilioOptions
        {
            AccountSid = ReportBotApp.AccountSid, AuthToken = "s3cret-token", From = ReportBotApp.BotNumber, ApiBaseUrl = _twilio.BaseUrl + "/",
            PublicBaseUrl = publicBaseUrl,
        }), Clock);

    static readonly OutboundImage Chart = new(41, "chart-2026-12-07-hi.png", [0x89, 0x50, 0x4E, 0x47]);

    [Fact]
    public async Task A_picture_goes_as_a_signed_expiring_MediaUrl_with_the_body_as_its_caption()
    {
        var result = await Sender(publicBaseUrl: "https://bot.example.org/").SendAsync(
            new OutboundMessage(7, "whatsapp:+919876543210", "📊 Darbhanga — 7/12", Image: Chart), default);

        Assert.IsType<SendResult.Sent>(result);
        var form = Assert.Single(_twilio.Requests).Form;
        var exp = Clock.GetUtcNow().AddHours(24).ToUnixTimeSeconds();
        var sig = TwilioMedia.Signature(TwilioMedia.KeyFrom("s3cret-token"), 7, exp);
        Assert.Equal($"https://bot.example.org/media/7.png?exp={exp}&sig={sig}", form["MediaUrl"]);
        Assert.Equal("📊 Darbhanga — 7/12", form["Body"]);
        Assert.Equal(43, sig.Length); // base64url of 32 bytes, unpadded
        Assert.DoesNotContain("s3cret-token", form["MediaUrl"]);
    }

    [Fact]
    public async Task Without_a_public_url_or_as_a_template_no_picture_goes()
    {
        Assert.Null(Sender().Abilities.ImageCaption);
        Assert.Equal(1600, Sender(publicBaseUrl: "https://bot.example.org").Abilities.ImageCaption);
        await Sender().SendAsync(new OutboundMessage(7, "whatsapp:+919876543210", "summary", Image: Chart), default);
        Assert.DoesNotContain("MediaUrl", Assert.Single(_twilio.Requests).Form.Keys);
    }

    [Fact]
    public async Task Invalid_media_is_an_image_refusal_so_the_text_goes_alone()
    {
        _twilio.ThenAnswer(400, 21620, "Invalid media URL(s)");
        var result = await Sender(publicBaseUrl: "https://bot.example.org").SendAsync(
            new OutboundMessage(7, "whatsapp:+919876543210", "summary", Image: Chart), default);
        Assert.Contains("21620", Assert.IsType<SendResult.ImageRefused>(result).Error);
    }

    [Fact]
    public async Task Sends_a_form_post_with_basic_auth_to_the_account_messages_resource()
    {
        var result = await Sender().SendAsync(new OutboundMessage(7, "whatsapp:+919876543210", "✅ *Benipur* — 1,240 Ayushman cards"), default);

        var sent = Assert.IsType<SendResult.Sent>(result);
        Assert.StartsWith("SM", sent.ProviderId);
        var request = Assert.Single(_twilio.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/2010-04-01/Accounts/{ReportBotApp.AccountSid}/Messages.json", request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String("AC00000000000000000000000000000000:s3cret-token"u8.ToArray()), request.Authorization);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal(new Dictionary<string, string>
        {
            ["To"] = "whatsapp:+919876543210",
            ["From"] = ReportBotApp.BotNumber,
            ["Body"] = "✅ *Benipur* — 1,240 Ayushman cards",
        }, request.Form);
    }

    [Theory]
    [InlineData(429, 20429, typeof(SendResult.Retryable))]
    [InlineData(503, 20003, typeof(SendResult.Retryable))]
    [InlineData(500, 20500, typeof(SendResult.Retryable))]
    [InlineData(400, 21211, typeof(SendResult.Failed))]
    [InlineData(401, 20003, typeof(SendResult.Unauthorized))]
    [InlineData(400, 63016, typeof(SendResult.OutsideWindow))]
    public async Task Classifies_twilio_errors(int status, int code, Type expected)
    {
        _twilio.ThenAnswer(status, code, "scripted");
        var result = await Sender().SendAsync(new OutboundMessage(1, "whatsapp:+919876543210", "hi"), default);
        Assert.IsType(expected, result);
        Assert.Contains(code.ToString(), result switch
        {
            SendResult.Retryable r => r.Error,
            SendResult.Failed f => f.Error,
            SendResult.Unauthorized u => u.Error,
            SendResult.OutsideWindow o => o.Error,
            _ => "",
        });
    }

    [Fact]
    public async Task A_lost_answer_is_uncertain_so_it_is_not_sent_again()
    {
        _twilio.ThenHang(TimeSpan.FromSeconds(2));
        var result = await Sender(timeout: TimeSpan.FromMilliseconds(300)).SendAsync(new OutboundMessage(1, "whatsapp:+919876543210", "hi"), default);
        Assert.IsType<SendResult.Uncertain>(result);
    }

    [Fact]
    public async Task No_server_at_all_is_retryable()
    {
        var sender = new TwilioSender(new HttpClient(), Options.Create(new TwilioOptions
        {
            AccountSid = ReportBotApp.AccountSid, AuthToken = "t", From = ReportBotApp.BotNumber, ApiBaseUrl = "http://127.0.0.1:9",
        }), TimeProvider.System);
        Assert.IsType<SendResult.Retryable>(await sender.SendAsync(new OutboundMessage(1, "whatsapp:+919876543210", "hi"), default));
    }

    [Fact]
    public async Task The_auth_token_never_appears_in_an_error()
    {
        _twilio.ThenAnswer(401, 20003, "Authenticate");
        var result = await Sender().SendAsync(new OutboundMessage(1, "whatsapp:+919876543210", "hi"), default);
        Assert.DoesNotContain("s3cret-token", Assert.IsType<SendResult.Unauthorized>(result).Error);
    }
}
