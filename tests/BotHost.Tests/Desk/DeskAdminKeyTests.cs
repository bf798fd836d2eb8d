using System.Net;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Desk;

/// <summary>The desk is part of the admin API: 401 without the right `X-Admin-Key`, and not there at all without `Admin:ApiKey`.</summary>
public sealed class DeskAdminKeyTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_desk_needs_the_admin_key_like_the_rest_of_the_admin_api()
    {
        await using var keyed = await new ReportBotApp(await postgres.CreateDatabaseAsync(),
            settings: new Dictionary<string, string?> { ["Simulator:Enabled"] = null, ["Admin:ApiKey"] = "desk-key" }).StartAsync();
        using var client = keyed.CreateClient();
        foreach (var path in new[] { "/admin/figures.xlsx?district=Darbhanga", "/admin/figures.csv?district=Darbhanga", "/admin/chart.png?district=Darbhanga" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path)).StatusCode);
            using var wrong = new HttpRequestMessage(HttpMethod.Get, path);
            wrong.Headers.Add("X-Admin-Key", "desk-kez");
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);
            using var right = new HttpRequestMessage(HttpMethod.Get, path);
            right.Headers.Add("X-Admin-Key", "desk-key");
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(right)).StatusCode);
        }

        await using var keyless = await new ReportBotApp(await postgres.CreateDatabaseAsync(),
            settings: new Dictionary<string, string?> { ["Simulator:Enabled"] = null, ["Admin:ApiKey"] = null }).StartAsync();
        using var anyone = keyless.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/admin/figures.xlsx?district=Darbhanga")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/admin/chart.png?district=Darbhanga")).StatusCode);
    }
}
