namespace ReportBot.BotHost.Tests.Infrastructure;

/// <summary>
/// A test that talks to ReportBot over Twilio as the district's members do: its own database, the real host, and the
/// fake Twilio API where the bot's replies arrive.
/// </summary>
public abstract class TwilioConversation(PostgresFixture postgres) : IAsyncLifetime
{
    protected FakeTwilioApi Twilio { get; private set; } = null!;
    protected ReportBotApp App { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Twilio = await FakeTwilioApi.StartAsync();
        App = await new ReportBotApp(await postgres.CreateDatabaseAsync(), Twilio.BaseUrl).StartAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Twilio.DisposeAsync();
    }

    /// <summary>Sends <paramref name="body"/> from <paramref name="from"/> (Ramesh by default) and returns the bot's one reply.</summary>
    protected async Task<string> ReplyToAsync(string body, string from = Webhooks.RameshWhatsApp)
    {
        var before = Twilio.Requests.Count;
        await Webhooks.SendReportAsync(App, "SM" + Guid.NewGuid().ToString("N"), body, from);
        var requests = await Twilio.WaitForRequestsAsync(before + 1);
        Assert.Equal(before + 1, requests.Count);
        return requests[^1].Form["Body"];
    }
}
