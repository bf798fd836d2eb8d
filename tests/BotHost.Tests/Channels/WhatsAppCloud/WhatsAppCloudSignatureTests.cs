using System.Text;
using ReportBot.BotHost.Channels.WhatsAppCloud;

namespace ReportBot.BotHost.Tests.Channels.WhatsAppCloud;

/// <summary>The `X-Hub-Signature-256` vectors of ../shared/docs/protocols.md §5.</summary>
public sealed class WhatsAppCloudSignatureTests
{
    [Theory]
    // VERBATIM: WhatsApp-Nodejs-SDK src/__tests__/utils.test.ts (its secret is TEST_APP_SECRET).
    [InlineData("TEST_APP_SECRET", "test", "0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221")]
    // Third party: hexdocs.pm/whatsapp_sdk.
    [InlineData("secret", "test", "0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914")]
    public void Official_vector_is_reproduced_and_accepted(string secret, string body, string hex)
    {
        Assert.Equal("sha256=" + hex, WhatsAppCloudSignature.Compute(secret, Encoding.UTF8.GetBytes(body)));
        Assert.True(WhatsAppCloudSignature.IsValid(secret, "sha256=" + hex, Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Derived_vector_over_metas_compact_text_sample_is_accepted()
    {
        var body = MetaWebhooks.Fixture("meta-text-sample.json");
        Assert.Equal(499, body.Length); // the compact JSON, byte for byte as protocols.md derives it
        Assert.True(WhatsAppCloudSignature.IsValid("TEST_APP_SECRET",
            "sha256=964f50820adcc03228037724153dd41dcd72d72113a4659d63916721028e0c23", body));
    }

    [Fact]
    public void The_same_json_re_serialized_does_not_match()
    {
        var body = MetaWebhooks.Fixture("meta-text-sample.json");
        var reformatted = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            System.Text.Json.JsonDocument.Parse(body).RootElement, new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        Assert.False(WhatsAppCloudSignature.IsValid("TEST_APP_SECRET",
            "sha256=964f50820adcc03228037724153dd41dcd72d72113a4659d63916721028e0c23", reformatted));
    }

    [Theory]
    [InlineData("0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221")] // no prefix
    [InlineData("sha1=0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221")]
    [InlineData("sha256=0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d988822")] // one digit short
    [InlineData("sha256=0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888222")]
    [InlineData("sha256=not-hex")]
    [InlineData("sha256=")]
    [InlineData("")]
    [InlineData(null)]
    public void Wrong_signature_is_rejected(string? header) =>
        Assert.False(WhatsAppCloudSignature.IsValid("TEST_APP_SECRET", header, "test"u8));

    [Fact]
    public void Wrong_secret_is_rejected() =>
        Assert.False(WhatsAppCloudSignature.IsValid("secret",
            "sha256=0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221", "test"u8));

    [Fact]
    public void Changed_body_is_rejected() =>
        Assert.False(WhatsAppCloudSignature.IsValid("TEST_APP_SECRET",
            "sha256=0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221", "test "u8));
}
