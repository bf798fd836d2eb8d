using Microsoft.Extensions.Configuration;
using ReportBot.BotHost.Channels.WhatsAppCloud;

namespace ReportBot.BotHost.Tests.Channels.WhatsAppCloud;

/// <summary>The `WhatsAppCloud` section as the README documents it, bound the way the host binds it.</summary>
public sealed class WhatsAppCloudOptionsTests
{
    static WhatsAppCloudOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build()
            .GetSection(WhatsAppCloudOptions.Section).Get<WhatsAppCloudOptions>() ?? new WhatsAppCloudOptions();

    [Fact]
    public void Templates_are_found_by_our_name_and_language()
    {
        var options = Bind(new(MetaWebhooks.Settings("https://graph.facebook.com/v23.0"))
        {
            ["WhatsAppCloud:Templates:daily_summary:en:Name"] = "daily_summary_v2",
            ["WhatsAppCloud:Templates:daily_summary:en:Language"] = "en_US",
            ["WhatsAppCloud:Templates:daily_summary:hi:Name"] = "daily_summary_hi",
            ["WhatsAppCloud:Templates:daily_summary:hi:Language"] = "hi",
        });

        Assert.Null(options.Problem());
        Assert.Equal(("daily_summary_v2", "en_US"), options.FindTemplate("daily_summary", "en") is { } en ? (en.Name, en.Language) : default);
        Assert.Equal("daily_summary_hi", options.FindTemplate("Daily_Summary", "HI")?.Name);
        Assert.Null(options.FindTemplate("daily_summary", "bn"));
        Assert.Null(options.FindTemplate("weekly_summary", "en"));
    }

    [Fact]
    public void Defaults_and_enabling()
    {
        var off = Bind([]);
        Assert.False(off.Enabled);
        Assert.Null(off.Problem());
        Assert.Equal("https://graph.facebook.com/v23.0", off.GraphBaseUrl);
        Assert.True(Bind(MetaWebhooks.Settings("https://graph.facebook.com/v23.0")).Enabled);
    }

    [Fact]
    public void A_template_without_its_language_code_is_a_problem()
    {
        var options = Bind(new(MetaWebhooks.Settings("https://graph.facebook.com/v23.0"))
        {
            ["WhatsAppCloud:Templates:daily_summary:en:Name"] = "daily_summary_v2",
        });
        Assert.Equal("WhatsAppCloud:Templates daily_summary:en each need a Name and a Language.", options.Problem());
    }

    [Fact]
    public void A_relative_graph_url_is_a_problem() =>
        Assert.Equal("WhatsAppCloud:GraphBaseUrl must be an absolute http(s) URL.", Bind(MetaWebhooks.Settings("graph.facebook.com")).Problem());
}
