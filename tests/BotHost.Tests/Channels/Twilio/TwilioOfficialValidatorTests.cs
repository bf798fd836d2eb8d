using System.Collections.Specialized;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using ReportBot.BotHost.Channels.Twilio;
using Twilio.Security;

namespace ReportBot.BotHost.Tests.Channels.Twilio;

/// <summary>
/// Our validator against Twilio's own: twilio-csharp 8.2.0's <see cref="RequestValidator"/> (the package is used by
/// the tests only — docs/reliability.md says why the host keeps its own), on the official vectors, on every fixture,
/// and on SharedKey (HMAC-SHA256) signatures, which that version accepts when the request carries
/// `X-Twilio-Webhooks-Signature-Settings`.
/// </summary>
public sealed class TwilioOfficialValidatorTests
{
    const string Token = "12345";
    const string Base = "https://mycompany.com/myapp.php?foo=1&bar=2";

    static readonly Dictionary<string, string> CallParams = new()
    {
        ["CallSid"] = "CA1234567890ABCDE", ["Caller"] = "+14158675309", ["Digits"] = "1234", ["From"] = "+14158675309", ["To"] = "+18005551212",
    };

    static Dictionary<string, StringValues> Ours(IDictionary<string, string> form) => form.ToDictionary(f => f.Key, f => new StringValues(f.Value));

    public static TheoryData<string, string> Vectors => new()
    {
        { Base, "RSOYDt4T1cUTdK1PDd93/VVr8B8=" },
        { Base, "kvajT1Ptam85bY51eRf/AJRuM3w=" },
        { "http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=" },
        { "https://mycompany.com:1234/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=" },
        { "https://MyCompany.com/myapp.php?foo=1&bar=2", "g9IN/x4Cft2g517EjYvEvM/W7LU=" },
        { "https://MyCompany.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=" }, // must fail in both
        { "http://username:password@MyCompany.com/myapp.php?foo=1&bar=2", "PJ08CxXr7KLPjEQCTc8LkUSMwSM=" },
        { Base, "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Ours_and_twilio_csharps_agree_on_the_official_vectors(string url, string signature) =>
        Assert.Equal(new RequestValidator(Token).Validate(url, CallParams, signature), TwilioSignature.IsValid(Token, signature, url, Ours(CallParams)));

    public static TheoryData<string> Fixtures => new(TwilioNodeSignatures.FixtureNames);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Twilio_csharp_accepts_the_signature_twilio_node_and_we_compute_for_each_fixture(string fixture)
    {
        var form = new FormReader(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Channels", "Twilio", "Fixtures", fixture))).ReadForm()
            .ToDictionary(f => f.Key, f => f.Value.ToString());
        var signature = TwilioNodeSignatures.For(fixture);
        Assert.True(new RequestValidator(Token).Validate(TwilioNodeSignatures.Url, form, signature));
        Assert.Equal(signature, TwilioSignature.Compute(Token, TwilioNodeSignatures.Url, Ours(form)));
    }

    [Theory]
    [InlineData("key=webhooks_sharedkey_00000000000000000000000000000000,algorithm=HMAC_SHA256", TwilioSignature.Algorithm.HmacSha256)]
    [InlineData("key=webhooks_sharedkey_00000000000000000000000000000000,algorithm=HMAC_SHA1", TwilioSignature.Algorithm.HmacSha1)]
    [InlineData("key=webhooks_sharedkey_00000000000000000000000000000000", TwilioSignature.Algorithm.HmacSha1)]
    [InlineData("", TwilioSignature.Algorithm.HmacSha1)]
    [InlineData("key=k,algorithm=MD5", null)]
    public void The_settings_header_names_the_algorithm_as_twilio_csharp_reads_it(string header, TwilioSignature.Algorithm? expected)
    {
        Assert.Equal(expected, TwilioSignature.AlgorithmOf(header));
        var official = RequestValidator.GetSignatureAlgorithm(header);
        Assert.Equal(expected switch
        {
            TwilioSignature.Algorithm.HmacSha256 => RequestValidator.HmacSha256,
            TwilioSignature.Algorithm.HmacSha1 => RequestValidator.HmacSha1,
            _ => official, // unknown: twilio-csharp passes it through, and its Validate then fails
        }, official);
        if (expected is null)
            Assert.False(new RequestValidator(Token).Validate(Base, CallParams, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", official));
    }

    [Theory]
    [InlineData(Base)]
    [InlineData("https://bot.example.org/webhooks/twilio")]
    [InlineData("https://bot.example.org:443/webhooks/twilio/status?outbox=42")]
    public void Twilio_csharp_accepts_our_shared_key_hmac_sha256_signatures_and_we_accept_its(string url)
    {
        const string sharedKey = "whsk_test_secret_0123456789";
        var signature = TwilioSignature.Compute(sharedKey, url, Ours(CallParams), TwilioSignature.Algorithm.HmacSha256);
        Assert.True(new RequestValidator(sharedKey).Validate(url, CallParams, signature, RequestValidator.HmacSha256));
        Assert.False(new RequestValidator(sharedKey).Validate(url, CallParams, signature, RequestValidator.HmacSha1));
        Assert.True(TwilioSignature.IsValid(sharedKey, signature, url, Ours(CallParams), TwilioSignature.Algorithm.HmacSha256));
        Assert.False(TwilioSignature.IsValid(sharedKey, signature, url, Ours(CallParams)));
    }

    [Fact]
    public void Twilio_csharp_joins_repeated_values_where_twilio_node_sorts_them_so_a_repeat_is_refused_before_either_matters()
    {
        // twilio-node's vector for a repeated name; twilio-csharp (NameValueCollection) signs "a,b" instead and rejects it.
        var repeated = new NameValueCollection { { "MessagingBinding.Address", "+1325xxxxxxx" }, { "MessagingBinding.Address", "+1415xxxxxxx" } };
        Assert.False(new RequestValidator(Token).Validate(Base, repeated, "83O6e2vORAoJHUNzJjDWN1jz+BA="));
        Assert.True(TwilioSignature.IsValid(Token, "83O6e2vORAoJHUNzJjDWN1jz+BA=", Base,
            new Dictionary<string, StringValues> { ["MessagingBinding.Address"] = new(["+1325xxxxxxx", "+1415xxxxxxx"]) }));
    }
}
