namespace ReportBot.Data;

/// <summary>Where ReportBot's database is: a configured server, or else a private cluster it starts itself.</summary>
public sealed class PostgresOptions
{
    /// <summary>`ConnectionStrings:Postgres`. When set, that server is used and nothing is started.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>`EmbeddedPostgres:Root`: the folder of the private cluster (default: per user, see README).</summary>
    public string? EmbeddedRoot { get; set; }

    /// <summary>`Database:StartupWait`: how long start-up waits for the server to answer (default two minutes).</summary>
    public TimeSpan StartupWait { get; set; } = DatabaseWait.DefaultLimit;

    public const string StartupWaitKey = "Database:StartupWait";

    /// <summary>The database ReportBot uses inside the private cluster.</summary>
    public const string EmbeddedDatabase = "reportbot";
}
