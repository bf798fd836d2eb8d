using System.Net;
using ReportBot.BotHost.Channels.Twilio;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Channels.Twilio;

/// <summary>
/// `GET /media/{id}.png`: the picture of a Twilio outbox message, served to Twilio only at the signed, expiring URL the
/// sender gave it (HMAC-SHA256 over id and expiry, with a key derived from the auth token); 403 otherwise.
/// </summary>
public sealed class TwilioMediaTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    static async Task<long> StoreAsync(ReportBotApp app, string channel) =>
        await app.ScalarAsync<long>(
            """
            with image as (
                insert into outbox_images (kind, district_id, day, language, png, created_at)
                values ('chart', 1, '2026-12-07', 'hi', @png, now()) returning id)
            insert into outbox (channel, recipient, body, kind, image_id, status)
            select @channel, 'whatsapp:+919876543210', 'summary', 'summary', id, 'sent' from image
            returning id
            """, new { png = Png, channel });

    static string PathOf(string url) => new Uri(url).PathAndQuery;

    [Fact]
    public async Task A_signed_url_serves_the_png_and_an_expired_forged_or_unsigned_one_is_forbidden()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync()).StartAsync();
        using var client = app.CreateClient();
        var id = await StoreAsync(app, "twilio");
        var key = TwilioMedia.KeyFrom(ReportBotApp.AuthToken);

        var valid = await client.GetAsync(PathOf(TwilioMedia.Url(ReportBotApp.PublicBaseUrl, key, id, DateTimeOffset.UtcNow.AddHours(24))));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal("image/png", valid.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await valid.Content.ReadAsByteArrayAsync());

        var expired = TwilioMedia.Url(ReportBotApp.PublicBaseUrl, key, id, DateTimeOffset.UtcNow.AddSeconds(-5));
        var otherKey = TwilioMedia.Url(ReportBotApp.PublicBaseUrl, TwilioMedia.KeyFrom("not-the-token"), id, DateTimeOffset.UtcNow.AddHours(1));
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var sig = TwilioMedia.Signature(key, id, exp);
        foreach (var refused in new[]
        {
            PathOf(expired),
            PathOf(otherKey),
            $"/media/{id}.png?exp={exp + 3600}&sig={sig}",      // a later expiry under the same signature
            $"/media/{id + 1}.png?exp={exp}&sig={sig}",         // another message under this one's signature
            $"/media/{id}.png?exp={exp}&sig={sig[..^1]}",       // cut short
            $"/media/{id}.png?exp={exp}",                       // unsigned
            $"/media/{id}.png",
        })
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(refused)).StatusCode);
    }

    [Fact]
    public async Task Only_a_twilio_message_picture_is_served()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync()).StartAsync();
        using var client = app.CreateClient();
        var id = await StoreAsync(app, "waha");
        var url = TwilioMedia.Url(ReportBotApp.PublicBaseUrl, TwilioMedia.KeyFrom(ReportBotApp.AuthToken), id, DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(PathOf(url))).StatusCode);
    }
}
