using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReportBot.BotHost.Tests.Infrastructure;
using ReportBot.Data.Messages;

namespace ReportBot.BotHost.Tests.Inbound;

/// <summary>What the inbox keeps for the handler: the provider's time of sending, and a BSUID with the phone it stands for.</summary>
public sealed class InboxIdentityTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_claimed_message_carries_sent_at_and_the_phone_learnt_for_its_bsuid()
    {
        await using var app = await new ReportBotApp(await postgres.CreateDatabaseAsync()).StartAsync();
        var inbox = app.Services.GetRequiredService<InboxStore>();
        // Arrived now (inside the sweeper's 10 s grace, so it stays unhandled), sent three hours ago: redelivered after an outage.
        var receivedAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var sentAt = receivedAt.AddHours(-3);

        // Stored, not handled (as the sweeper would find them): first with both identities, then the BSUID alone.
        await inbox.AddAsync(new InboxEntry("whatsapp", "wamid.A", "+919876543210", "919876543210", "Benipur 1240", 0, "{}", receivedAt, sentAt, "IN.13491208655302741918"));
        var id = await inbox.AddAsync(new InboxEntry("whatsapp", "wamid.B", "IN.13491208655302741918", null, "Benipur 1300", 0, "{}", receivedAt, sentAt, "IN.13491208655302741918"));

        await using var connection = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var row = await InboxStore.ClaimAsync(tx, id!.Value);

        Assert.NotNull(row);
        Assert.Equal((sentAt, receivedAt, "IN.13491208655302741918", "919876543210"), (row.SentAt, row.ReceivedAt, row.UserId, row.Phone));
    }
}
