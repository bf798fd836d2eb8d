using Npgsql;
using ReportBot.Data;

namespace ReportBot.BotHost.Cli;

/// <summary>
/// The failures an operator meets when starting ReportBot — the port taken (another ReportBot runs), the database
/// down or refusing — said in one line with what to do, and a non-zero exit; anything else stays a crash with its trace.
/// </summary>
public static class StartupFailure
{
    public static async Task<int> OneLineAsync(Func<Task> serve)
    {
        try
        {
            await serve();
            return 0;
        }
        catch (Exception e) when (Describe(e) is { } line)
        {
            await Console.Error.WriteLineAsync(line);
            return 1;
        }
    }

    static string? Describe(Exception e) => e switch
    {
        IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException } =>
            $"ReportBot cannot listen: {e.Message} Is another ReportBot running? Stop it, or set Urls (e.g. --urls http://127.0.0.1:5081).",
        DatabaseUnreachableException => e.Message + " Start PostgreSQL, or check ConnectionStrings__Postgres.",
        PostgresException pg => $"PostgreSQL refused ReportBot: {pg.MessageText} ({pg.SqlState}). Check ConnectionStrings__Postgres.",
        _ => null,
    };
}
