using System.Diagnostics;
using Dapper;
using Npgsql;
using ReportBot.Data.Embedded;

namespace ReportBot.BotHost.Tests.Data;

/// <summary>
/// The private cluster `dotnet run` starts: data survives a restart, a cluster left running is reused, and it is its
/// owner's child — stopped when the owner stops, even when the owner is killed outright.
/// </summary>
public sealed class EmbeddedPostgresTests : IDisposable
{
    readonly string _root = Path.Combine(Path.GetTempPath(), "reportbot-embedded-test-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Data_survives_a_restart_of_the_cluster()
    {
        await using (var first = await EmbeddedPostgres.StartAsync(_root))
        {
            await using var connection = new NpgsqlConnection(first.ConnectionString());
            await connection.ExecuteAsync("create table kept (value int); insert into kept values (1240)");
        }
        NpgsqlConnection.ClearAllPools();

        await using var second = await EmbeddedPostgres.StartAsync(_root);
        await using var again = new NpgsqlConnection(second.ConnectionString());
        Assert.Equal(1240, await again.ExecuteScalarAsync<int>("select value from kept"));
    }

    [Fact]
    public async Task A_cluster_left_running_is_reused_not_fought_over()
    {
        await using var first = await EmbeddedPostgres.StartAsync(_root);
        var second = await EmbeddedPostgres.StartAsync(_root); // as after a `kill -9` of the host
        Assert.Equal(first.Port, second.Port);
        await second.DisposeAsync(); // did not start it, so does not stop it
        await using var connection = new NpgsqlConnection(first.ConnectionString());
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("select 1"));
    }

    [Fact]
    public async Task A_cluster_left_by_a_killed_run_is_adopted_and_stopped_with_its_new_owner()
    {
        var first = await EmbeddedPostgres.StartAsync(_root);
        // As after a `kill -9`: the owner named in the folder is a process that has ended.
        File.WriteAllText(Path.Combine(_root, "owner"), (await EndedProcessIdAsync()).ToString());

        var second = await EmbeddedPostgres.StartAsync(_root);
        Assert.True(second.IsOwner);
        Assert.Equal(first.Port, second.Port);
        await second.DisposeAsync();

        Assert.False(await AnswersAsync(first.Port, first.ConnectionString()));
    }

    [Fact]
    public async Task The_cluster_stops_when_its_owner_is_killed_outright()
    {
        using var owner = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        var pg = await EmbeddedPostgres.StartAsync(_root, ownerProcessId: owner.Id);
        Assert.True(await AnswersAsync(pg.Port, pg.ConnectionString()));

        owner.Kill(); // SIGKILL: nothing of the owner runs after it
        await owner.WaitForExitAsync();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        var ownerFile = Path.Combine(_root, "owner");
        // The watchdog stops the cluster, then forgets the owner.
        while (DateTime.UtcNow < deadline && (File.Exists(ownerFile) || await AnswersAsync(pg.Port, pg.ConnectionString())))
            await Task.Delay(250);
        Assert.False(await AnswersAsync(pg.Port, pg.ConnectionString()));
        Assert.False(File.Exists(ownerFile));
    }

    [Fact]
    public async Task A_guest_leaves_the_owners_cluster_running()
    {
        await using var owner = await EmbeddedPostgres.StartAsync(_root);
        var guest = await EmbeddedPostgres.StartAsync(_root); // a command beside the running server
        Assert.True(owner.IsOwner);
        Assert.False(guest.IsOwner);
        await guest.DisposeAsync();
        Assert.True(await AnswersAsync(owner.Port, owner.ConnectionString()));
    }

    static async Task<int> EndedProcessIdAsync()
    {
        using var ended = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await ended.WaitForExitAsync();
        return ended.Id;
    }

    static async Task<bool> AnswersAsync(int port, string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3 }.ConnectionString);
            await connection.OpenAsync();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    [Fact]
    public async Task It_listens_on_loopback_only_with_a_password()
    {
        await using var pg = await EmbeddedPostgres.StartAsync(_root);
        await using var connection = new NpgsqlConnection(pg.ConnectionString());
        Assert.Equal("127.0.0.1", await connection.ExecuteScalarAsync<string>("show listen_addresses"));
        var withoutPassword = new NpgsqlConnectionStringBuilder(pg.ConnectionString()) { Password = "wrong" }.ConnectionString;
        await using var intruder = new NpgsqlConnection(withoutPassword);
        await Assert.ThrowsAsync<PostgresException>(() => intruder.OpenAsync());
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
