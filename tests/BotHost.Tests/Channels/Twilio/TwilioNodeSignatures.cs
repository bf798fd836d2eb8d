using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using ReportBot.BotHost.Channels.Twilio;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Channels.Twilio;

/// <summary>
/// Signatures of the fixtures computed by Twilio's own Node helper library (twilio@6.2.0,
/// TwilioNode/sign-fixtures.js), kept in Fixtures/twilio-node-signatures.json so the tests need no Node.
/// </summary>
public static class TwilioNodeSignatures
{
    static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Channels", "Twilio", "Fixtures");

    static readonly Lazy<JsonElement> File_ = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures, "twilio-node-signatures.json"))).RootElement);

    public static string Url => File_.Value.GetProperty("url").GetString()!;

    public static string For(string fixture) => File_.Value.GetProperty("signatures").GetProperty(fixture).GetString()!;

    public static IEnumerable<string> FixtureNames => File_.Value.GetProperty("signatures").EnumerateObject().Select(p => p.Name);
}

public sealed class TwilioNodeSignatureTests
{
    public static TheoryData<string> Fixtures => new(TwilioNodeSignatures.FixtureNames);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Our_signature_matches_twilio_nodes_for_every_fixture(string fixture)
    {
        Assert.Equal(ReportBotApp.PublicBaseUrl + "/webhooks/twilio", TwilioNodeSignatures.Url);
        var form = new FormReader(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Channels", "Twilio", "Fixtures", fixture))).ReadForm();
        Assert.Equal(TwilioNodeSignatures.For(fixture), TwilioSignature.Compute(ReportBotApp.AuthToken, TwilioNodeSignatures.Url, form));
    }
}
