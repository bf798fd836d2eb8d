using ReportBot.BotHost.Channels.Waha;

namespace ReportBot.BotHost.Tests.Channels.Waha;

/// <summary>What the start-up validation says about a WAHA configuration: keys, never values.</summary>
public sealed class WahaOptionsTests
{
    static WahaOptions Valid() => new() { BaseUrl = "http://127.0.0.1:3000", ApiKey = "the-api-key", WebhookHmacKey = "the-hmac-key" };

    [Fact]
    public void Without_a_base_url_the_channel_is_off_and_nothing_is_required()
    {
        var options = new WahaOptions { WebhookHmacKey = null };
        Assert.False(options.Enabled);
        Assert.Null(options.Problem());
    }

    [Fact]
    public void A_complete_configuration_has_no_problem_and_the_default_session()
    {
        Assert.Null(Valid().Problem());
        Assert.Equal("default", Valid().Session);
        Assert.Equal("http://127.0.0.1:3000", new WahaOptions { BaseUrl = "http://127.0.0.1:3000/" }.Api);
    }

    [Theory]
    [InlineData(nameof(WahaOptions.WebhookHmacKey), "Waha:WebhookHmacKey")]
    [InlineData(nameof(WahaOptions.BaseUrl), "Waha:BaseUrl")]
    [InlineData(nameof(WahaOptions.Session), "Waha:Session")]
    [InlineData(nameof(WahaOptions.MessagesPerSecond), "Waha:MessagesPerSecond")]
    public void Names_the_key_that_is_wrong_and_never_a_value(string property, string key)
    {
        var options = Valid();
        switch (property)
        {
            case nameof(WahaOptions.WebhookHmacKey): options.WebhookHmacKey = " "; break;
            case nameof(WahaOptions.BaseUrl): options.BaseUrl = "127.0.0.1:3000/the-api-key"; break;
            case nameof(WahaOptions.Session): options.Session = ""; break;
            default: options.MessagesPerSecond = 0; break;
        }

        var problem = options.Problem();

        Assert.NotNull(problem);
        Assert.Contains(key, problem);
        Assert.DoesNotContain("the-api-key", problem);
        Assert.DoesNotContain("the-hmac-key", problem);
    }
}
