using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using ReportBot.BotHost.Channels.Twilio;

namespace ReportBot.BotHost.Tests.Channels.Twilio;

/// <summary>Every vector of ../shared/docs/protocols.md §2, from Twilio's own helper libraries' tests.</summary>
public sealed class TwilioSignatureTests
{
    const string Token = "12345";
    const string Base = "https://mycompany.com/myapp.php?foo=1&bar=2";

    static readonly Dictionary<string, StringValues> CallParams = new()
    {
        ["CallSid"] = "CA1234567890ABCDE",
        ["Caller"] = "+14158675309",
        ["Digits"] = "1234",
        ["From"] = "+14158675309",
        ["To"] = "+18005551212",
    };

    [Theory]
    [InlineData(Base, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData(Base, "kvajT1Ptam85bY51eRf/AJRuM3w=")] // signed as :443
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=")] // signed as :80
    [InlineData("http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")]
    [InlineData("https://mycompany.com:1234/myapp.php?foo=1&bar=2", "CYn1h0gLBdNxDGkKJg6hYohgeD8=")]
    [InlineData("https://mycompany.com:1234/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")] // port removed
    [InlineData("https://MyCompany.com/myapp.php?foo=1&bar=2", "g9IN/x4Cft2g517EjYvEvM/W7LU=")]
    [InlineData("https://MyCompany.com:1234/myapp.php?foo=1&bar=2", "PCqOZm8cnu/L6+u5i5fuEd+Iac4=")]
    [InlineData("http://MyCompany.com/myapp.php?foo=1&bar=2", "XY7AlKOKL6im4yWyX84gldUrtis=")]
    [InlineData("http://username:password@MyCompany.com/myapp.php?foo=1&bar=2", "PJ08CxXr7KLPjEQCTc8LkUSMwSM=")]
    [InlineData("HTTP://username:password@MyCompany.com/myapp.php?foo=1&bar=2", "hy/l8pca+LFms4cvRdv8uiP6NGc=")]
    [InlineData("http://Username:Password@MyCompany.com/myapp.php?foo=1&bar=2", "SkTSKyDJH9kUlhItI0slbgZ1UsI=")]
    [InlineData("https://user:pass@mycompany.com/myapp.php?foo=1&bar=2", "CukzLTc1tT5dXEDIHm/tKBanW10=")]
    [InlineData("https://user:pass@mycompany.com/myapp.php?foo=1&bar=2", "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=")] // with :443
    [InlineData("https://user@mycompany.com/myapp.php?foo=1&bar=2", "2YRLlVAflCqxaNicjMpJcSTgzSs=")]
    [InlineData(Base + "&Body=It's+amazing", "dsq4Ehbj6cs+KdTkpF5sSSplOWw=")]
    public void Official_vector_is_accepted(string url, string signature) =>
        Assert.True(TwilioSignature.IsValid(Token, signature, url, CallParams));

    [Theory]
    [InlineData(Base, "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("https://MyCompany.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")] // host casing is signed
    [InlineData(Base, "")]
    public void Wrong_signature_is_rejected(string url, string signature) =>
        Assert.False(TwilioSignature.IsValid(Token, signature, url, CallParams));

    [Fact]
    public void Wrong_token_is_rejected() =>
        Assert.False(TwilioSignature.IsValid("54321", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", Base, CallParams));

    [Fact]
    public void Changed_parameter_is_rejected() =>
        Assert.False(TwilioSignature.IsValid(Token, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", Base,
            new Dictionary<string, StringValues>(CallParams) { ["Digits"] = "1235" }));

    [Fact]
    public void Signed_string_is_url_then_sorted_names_and_values() =>
        Assert.Equal("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioSignature.Compute(Token, Base, CallParams.Reverse()));

    [Theory]
    [InlineData("+1325xxxxxxx", "+1415xxxxxxx")]
    [InlineData("+1415xxxxxxx", "+1325xxxxxxx")]
    public void Repeated_parameter_values_are_sorted(string first, string second) =>
        Assert.True(TwilioSignature.IsValid(Token, "83O6e2vORAoJHUNzJjDWN1jz+BA=", Base,
            new Dictionary<string, StringValues> { ["MessagingBinding.Address"] = new([first, second]) }));

    [Fact]
    public void Repeated_parameter_values_are_deduplicated_like_twilio_node() =>
        Assert.True(TwilioSignature.IsValid(Token, "IK+Dwps556ElfBT0I3Rgjkr1wJU=", Base,
            new Dictionary<string, StringValues> { ["Sid"] = "CA123", ["SidAccount"] = "AC123", ["Digits"] = new(["5678", "1234", "1234"]) }));

    const string JsonBody = """{"property": "value", "boolean": true}""";
    const string JsonBodyHash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";

    [Theory]
    [InlineData(Base + "&bodySHA256=" + JsonBodyHash, "a9nBmqA0ju/hNViExpshrM61xv4=")]
    [InlineData("https://mycompany.com/myapp.php?bodySHA256=" + JsonBodyHash, "y77kIzt2vzLz71DgmJGsen2scGs=")]
    public void Json_body_vector_is_accepted(string url, string signature) =>
        Assert.True(TwilioSignature.IsValidJsonBody(Token, signature, url, JsonBody));

    [Fact]
    public void Empty_json_body_vector_is_accepted_as_signed_with_port() =>
        Assert.True(TwilioSignature.IsValidJsonBody(Token, "Ldidvp12m26NI7eqEvxnEpkd9Hc=",
            Base + "&bodySHA256=44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", "{}"));

    [Fact]
    public void Json_body_without_its_hash_in_the_url_is_rejected() =>
        Assert.False(TwilioSignature.IsValidJsonBody(Token, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", Base, JsonBody));

    [Fact]
    public void Json_body_that_does_not_match_its_hash_is_rejected() =>
        Assert.False(TwilioSignature.IsValidJsonBody(Token, "a9nBmqA0ju/hNViExpshrM61xv4=", Base + "&bodySHA256=" + JsonBodyHash, """{"property": "other"}"""));

    [Fact]
    public void Whatsapp_form_vector_signs_decoded_values()
    {
        var form = new FormReader(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Channels", "Twilio", "Fixtures", "protocols-whatsapp-vector.form"))).ReadForm();
        Assert.Equal("whatsapp:+919876543210", form["From"]);
        Assert.True(TwilioSignature.IsValid(Token, "c1XGel6h9ZctnSI7bwe4tgvuZpM=", "https://bot.example.com/twilio/whatsapp", form));
    }
}
