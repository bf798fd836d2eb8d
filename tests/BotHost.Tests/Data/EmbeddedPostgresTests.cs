using Dapper;
using Npgsql;
using ReportBot.Data.Embedded;

namespace ReportBot.BotHost.Tests.Data;

/// <summary>The private cluster `dotnet run` starts: data survives a restart, and a cluster left running is reused.</summary>
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
