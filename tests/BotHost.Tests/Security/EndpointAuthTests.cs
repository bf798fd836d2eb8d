using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ReportBot.BotHost.Tests.Infrastructure;

namespace ReportBot.BotHost.Tests.Security;

/// <summary>
/// Every endpoint that can change state — found by walking the host's own routing table, so a new one cannot be
/// forgotten — refuses a request without a valid provider signature or the admin key, and changes nothing.
/// </summary>
public sealed class EndpointAuthTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    const string AdminKey = "admin-key-3b9f1c0e";

    static readonly string[] StateTables = ["inbox", "outbox", "figures", "figure_history", "members", "schedule_slots", "slot_runs", "held_figures"];

    [Fact]
    public async Task Every_state_changing_endpoint_needs_a_signature_or_the_admin_key()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var graph = await FakeGraphApi.StartAsync();
        // As deployed: a configured database, the simulator not enabled, the admin API on.
        await using var app = await HostileApp.StartAsync(postgres, twilio.BaseUrl, graph.GraphBaseUrl,
            new Dictionary<string, string?> { ["Simulator:Enabled"] = null, ["Admin:ApiKey"] = AdminKey });
        using var client = app.CreateClient();
        var before = await CountsAsync(app);

        var routes = StateChangingRoutes(app);
        Assert.Contains(routes, r => r.Path == "/webhooks/twilio");
        Assert.Contains(routes, r => r.Path == "/webhooks/whatsapp");
        Assert.Contains(routes, r => r.Path.StartsWith("/admin/", StringComparison.Ordinal));
        Assert.DoesNotContain(routes, r => r.Path.StartsWith("/simulator", StringComparison.Ordinal));

        foreach (var (method, path) in routes)
        {
            foreach (var credential in new[] { "none", "wrong" })
            {
                var request = new HttpRequestMessage(new HttpMethod(method), path)
                {
                    Content = path.StartsWith("/admin/", StringComparison.Ordinal)
                        ? new StringContent("""{"district":"Darbhanga","kind":"summary","name":"x","cron":"* * * * *"}""", Encoding.UTF8, "application/json")
                        : new FormUrlEncodedContent(Webhooks.WhatsAppForm("SM" + new string('e', 32), "Benipur 1240")),
                };
                if (credential == "wrong")
                {
                    request.Headers.Add("X-Admin-Key", AdminKey + "x");
                    request.Headers.Add("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl");
                    request.Headers.Add("X-Hub-Signature-256", "sha256=" + new string('0', 64));
                }
                var response = await client.SendAsync(request);
                Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden,
                    $"{method} {path} with {credential} credentials: {(int)response.StatusCode}");
            }
        }

        Assert.Equal(before, await CountsAsync(app));

        // The right key opens the admin API: the refusals above were about the key, not the route.
        using var authorised = new HttpRequestMessage(HttpMethod.Get, "/admin/schedules");
        authorised.Headers.Add("X-Admin-Key", AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(authorised)).StatusCode);
    }

    [Fact]
    public async Task The_simulator_is_off_when_a_database_is_configured_and_it_is_not_enabled()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = await HostileApp.StartAsync(postgres, twilio.BaseUrl, graph.GraphBaseUrl,
            new Dictionary<string, string?> { ["Simulator:Enabled"] = null });
        using var client = app.CreateClient();

        Assert.DoesNotContain(AllRoutes(app), r => r.Path.StartsWith("/simulator", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/simulator/api/group")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/simulator/api/messages",
            new StringContent("""{"memberId":1,"text":"Benipur 1240"}""", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(0, await app.ScalarAsync<long>("select count(*) from inbox"));
    }

    [Fact]
    public async Task Without_an_admin_key_there_is_no_admin_api()
    {
        await using var twilio = await FakeTwilioApi.StartAsync();
        await using var graph = await FakeGraphApi.StartAsync();
        await using var app = await HostileApp.StartAsync(postgres, twilio.BaseUrl, graph.GraphBaseUrl,
            new Dictionary<string, string?> { ["Simulator:Enabled"] = null, ["Admin:ApiKey"] = null });
        Assert.DoesNotContain(AllRoutes(app), r => r.Path.StartsWith("/admin", StringComparison.Ordinal));
    }

    /// <summary>Every route that accepts POST, PUT, PATCH or DELETE, with route parameters filled in.</summary>
    static List<(string Method, string Path)> StateChangingRoutes(ReportBotApp app) =>
        AllRoutes(app).Where(r => r.Method is "POST" or "PUT" or "PATCH" or "DELETE").ToList();

    static List<(string Method, string Path)> AllRoutes(ReportBotApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (method, "/" + string.Join("/", e.RoutePattern.PathSegments.Select(segment =>
                    string.Concat(segment.Parts.Select(part => part switch
                    {
                        Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                        _ => "1", // {id:long} and the like
                    })))))))
            .ToList();

    static async Task<string> CountsAsync(ReportBotApp app)
    {
        var counts = new List<string>();
        foreach (var table in StateTables)
            counts.Add($"{table}={await app.ScalarAsync<long>($"select count(*) from {table}")}"); // names are ours
        return string.Join(", ", counts);
    }

    [Fact]
    public async Task No_test_can_reach_beyond_this_machine()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync()).StartAsync();
        using var http = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient("any");
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => http.GetAsync("https://api.twilio.com/"));
        Assert.Contains("127.0.0.1", refused.Message);
    }
}
