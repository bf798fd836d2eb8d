using ReportBot.BotHost.Channels.Twilio;

namespace ReportBot.BotHost.Tests.Infrastructure;

/// <summary>Builds signed Twilio webhook requests the way Twilio does.</summary>
public static class Webhooks
{
    public const string RameshWhatsApp = "whatsapp:+919876543210";

    public static Dictionary<string, string> WhatsAppForm(string messageSid, string body, string from = RameshWhatsApp) => new()
    {
        ["MessageSid"] = messageSid,
        ["SmsMessageSid"] = messageSid,
        ["SmsSid"] = messageSid,
        ["AccountSid"] = ReportBotApp.AccountSid,
        ["From"] = from,
        ["To"] = ReportBotApp.BotNumber,
        ["Body"] = body,
        ["NumMedia"] = "0",
        ["NumSegments"] = "1",
        ["ProfileName"] = "Ramesh Kumar",
        ["WaId"] = from.Replace("whatsapp:+", ""),
        ["SmsStatus"] = "received",
        ["ApiVersion"] = "2010-04-01",
        ["MessageType"] = "text",
    };

    public static HttpRequestMessage Signed(Dictionary<string, string> form, string path = "/webhooks/twilio")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(ReportBotApp.AuthToken, ReportBotApp.PublicBaseUrl + path,
            form.Select(f => KeyValuePair.Create(f.Key, new Microsoft.Extensions.Primitives.StringValues(f.Value)))));
        return request;
    }

    /// <summary>
    /// Sends a signed message and waits until ReportBot has handled it: the webhook answers once the message is stored,
    /// and handling follows in the background, as a member waits for the reply.
    /// </summary>
    public static async Task<HttpResponseMessage> SendReportAsync(ReportBotApp app, string messageSid, string body, string from = RameshWhatsApp)
    {
        using var client = app.CreateClient();
        var response = await client.SendAsync(Signed(WhatsAppForm(messageSid, body, from)));
        response.EnsureSuccessStatusCode();
        await app.HandledAsync("twilio", messageSid);
        return response;
    }
}
