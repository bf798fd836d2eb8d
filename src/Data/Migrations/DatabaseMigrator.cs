using DbUp;
using DbUp.Engine.Output;

namespace ReportBot.Data.Migrations;

/// <summary>Applies the numbered SQL scripts in this folder, in order, each once (DbUp keeps the journal).</summary>
public static class DatabaseMigrator
{
    public static void Migrate(string connectionString, IUpgradeLog? log = null)
    {
        EnsureDatabase.For.PostgresqlDatabase(connectionString, log ?? new NoOpUpgradeLog());
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
}
