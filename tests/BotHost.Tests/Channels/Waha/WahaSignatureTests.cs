using System.Text;
using ReportBot.BotHost.Channels.Waha;

namespace ReportBot.BotHost.Tests.Channels.Waha;

/// <summary>WAHA's own documented vector (waha-docs, how-to/events "HMAC authentication"), and what must not pass.</summary>
public sealed class WahaSignatureTests
{
    static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"event":"message","session":"default","engine":"WEBJS"}""");

    const string Documented =
        "208f8a55dde9e05519e898b10b89bf0d0b3b0fdf11fdbf09b6b90476301b98d8097c462b2b17a6ce93b6b47a136cf2e78a33a63f6752c2c1631777076153fa89";

    [Fact]
    public void Computes_wahas_documented_vector() => Assert.Equal(Documented, WahaSignature.Compute("my-secret-key", Body));

    [Fact]
    public void Accepts_wahas_documented_vector() => Assert.True(WahaSignature.IsValid("my-secret-key", Documented, "sha512", Body));

    [Fact]
    public void Accepts_upper_case_hex_and_a_missing_algorithm_header() =>
        Assert.True(WahaSignature.IsValid("my-secret-key", Documented.ToUpperInvariant(), null, Body));

    [Theory]
    [InlineData("my-secret-key", Documented, "sha256")] // WAHA signs only with sha512
    [InlineData("another-key", Documented, "sha512")]
    [InlineData("my-secret-key", "", "sha512")]
    [InlineData("my-secret-key", "not-hex", "sha512")]
    [InlineData("my-secret-key", "208f8a55dde9e05519e898b10b89bf0d", "sha512")] // a prefix
    public void Refuses(string key, string header, string algorithm) => Assert.False(WahaSignature.IsValid(key, header, algorithm, Body));

    [Fact]
    public void Refuses_a_body_changed_by_one_byte()
    {
        var changed = Encoding.UTF8.GetBytes("""{"event":"message","session":"default","engine":"WEBJs"}""");
        Assert.False(WahaSignature.IsValid("my-secret-key", Documented, "sha512", changed));
    }
}
