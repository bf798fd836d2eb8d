using DbUp;
using DbUp.Engine.Output;
using Npgsql;

namespace ReportBot.Data.Migrations;

/// <summary>Applies the numbered SQL scripts in this folder, in order, each once (DbUp keeps the journal).</summary>
public static class DatabaseMigrator
{
    /// <summary>Any 64-bit key of our own: two instances starting together take turns rather than race.</summary>
    const long MigrationLock = 0x5265_706F_7274_426F; // "ReportBo"

    public static void Migrate(string connectionString, IUpgradeLog? log = null)
    {
        EnsureDatabase.For.PostgresqlDatabase(connectionString, log ?? new NoOpUpgradeLog());
        using var lockConnection = new NpgsqlConnection(connectionString);
        lockConnection.Open();
        Advisory(lockConnection, "pg_advisory_lock");
        try
        {
            var upgrade = DeployChanges.To
                .PostgresqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.Contains(".Migrations.") && name.EndsWith(".sql"))
                .WithTransactionPerScript()
                .LogTo(log ?? new NoOpUpgradeLog())
                .Build()
                .PerformUpgrade();
            if (!upgrade.Successful)
                throw new InvalidOperationException($"Migration {upgrade.ErrorScript?.Name} failed: {upgrade.Error.Message}", upgrade.Error);
        }
        finally
        {
            // Explicitly: a pooled connection keeps its session, and with it the lock, after Close.
            Advisory(lockConnection, "pg_advisory_unlock");
        }
    }

    static void Advisory(NpgsqlConnection connection, string function)
    {
        using var command = new NpgsqlCommand($"select {function}(@key)", connection); // function is one of our two names
        command.Parameters.AddWithValue("key", MigrationLock);
        command.ExecuteNonQuery();
    }
}
