using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ReportBot.BotHost.Tests.Infrastructure;

/// <summary>
/// ReportBot's real host on a test server, against a real PostgreSQL database of the test's own, with the demo district
/// loaded and the Twilio channel on (auth token <see cref="AuthToken"/>, public URL <see cref="PublicBaseUrl"/>).
/// <paramref name="settings"/> adds or overrides configuration keys (e.g. another channel's section); a null value leaves a key unset.
/// </summary>
public sealed class ReportBotApp(
    string connectionString,
    string? twilioApiBaseUrl = null,
    Action<IServiceCollection>? services = null,
    IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string AuthToken = "12345";
    public const string AccountSid = "AC00000000000000000000000000000000";
    public const string BotNumber = "whatsapp:+14155238886";
    public const string PublicBaseUrl = "https://bot.example.org";

    public string ConnectionString => connectionString;

    /// <summary>The admin key set for the simulator when a test names neither the simulator nor the admin key.</summary>
    public const string SimulatorAdminKey = "simulator-admin-key";

    bool SimulatorKeyIsOurs => settings?.ContainsKey("Simulator:Enabled") != true && settings?.ContainsKey("Admin:ApiKey") != true;

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        if (SimulatorKeyIsOurs)
            client.DefaultRequestHeaders.Add("X-Admin-Key", SimulatorAdminKey);
    }

    /// <summary>The tests' own look into the database, unpooled so that an outage test leaves no dead connection behind.</summary>
    readonly string _inspect = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Postgres", connectionString);
        builder.UseSetting("Demo:Seed", "true");
        if (SimulatorKeyIsOurs)
        {
            // Beside a configured database the simulator is served only behind the admin key; the tests' clients carry it.
            builder.UseSetting("Simulator:Enabled", "true");
            builder.UseSetting("Admin:ApiKey", SimulatorAdminKey);
        }
        builder.UseSetting("Twilio:AccountSid", AccountSid);
        builder.UseSetting("Twilio:AuthToken", AuthToken);
        builder.UseSetting("Twilio:From", BotNumber);
        builder.UseSetting("Twilio:PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("Twilio:ApiBaseUrl", twilioApiBaseUrl ?? "http://127.0.0.1:9"); // nothing listens there
        builder.UseSetting("Outbox:FirstRetryDelay", "00:00:00.050");
        // The demo's schedule would fire on the wall clock in the middle of unrelated tests; the rhythm's own tests
        // drive it on a fake clock (or turn it on).
        builder.UseSetting("Rhythm:Enabled", "false");
        // A null value leaves the key unset, as in a deployment that never mentions it.
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            if (value is not null)
                builder.UseSetting(key, value);
        builder.ConfigureTestServices(s => s.AddSingleton<Microsoft.Extensions.Http.IHttpMessageHandlerBuilderFilter, LoopbackOnly>());
        if (services is not null)
            builder.ConfigureTestServices(services);
    }

    /// <summary>Starts the host (migrations, demo data) and returns it.</summary>
    public async Task<ReportBotApp> StartAsync()
    {
        using var _ = CreateClient();
        await Task.CompletedTask;
        return this;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // Pooled connections to this test's own database (the migrator's) would stay open until the run ends; a long
        // suite would then run out of server connections ("53300: too many clients").
        await using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(_inspect);
        return await connection.ExecuteScalarAsync<T>(sql, args) ?? throw new InvalidOperationException($"No value from: {sql}");
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(_inspect);
        return (await connection.QueryAsync<T>(sql, args)).AsList();
    }

    /// <summary>Waits until the message a channel knows as <paramref name="externalId"/> is stored and handled.</summary>
    public Task HandledAsync(string channel, string externalId) =>
        EventuallyAsync(async () => (await QueryAsync<bool>(
            "select processed_at is not null from inbox where channel = @channel and external_id = @externalId",
            new { channel, externalId })).SingleOrDefault(), $"{channel} message {externalId} handled");

    /// <summary>Waits until every stored message has been handled.</summary>
    public Task AllHandledAsync() =>
        EventuallyAsync(async () => await ScalarAsync<long>("select count(*) from inbox where processed_at is null") == 0, "every inbox message handled");

    /// <summary>Waits until <paramref name="condition"/> holds (background work such as the outbox), failing after a while.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"Timed out waiting for: {what}");
            await Task.Delay(25);
        }
    }
}
