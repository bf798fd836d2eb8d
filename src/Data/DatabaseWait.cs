using Npgsql;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ReportBot.Data;

/// <summary>
/// Start-up waits for PostgreSQL rather than aborting: on a district's VM the database and ReportBot start together,
/// and after a power cut PostgreSQL may still be recovering when ReportBot asks. Only an unreachable or starting
/// server is waited for; a wrong password or a missing role fails at once, since waiting would not mend it.
/// </summary>
public static class DatabaseWait
{
    /// <summary>How long start-up waits by default (`Database:StartupWait`).</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromMinutes(2);

    /// <param name="waiting">Told before each new attempt: the attempt's number, the delay before it and why.</param>
    public static async Task UntilReachableAsync(string connectionString, TimeSpan limit, Action<int, TimeSpan, string> waiting,
        TimeProvider? time = null, CancellationToken ct = default)
    {
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = limit })
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsWorthWaitingFor),
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(15),
                MaxRetryAttempts = int.MaxValue, // the timeout above is the limit
                UseJitter = true,
                OnRetry = args =>
                {
                    waiting(args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message ?? "no answer");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        // One unpooled connection per attempt: a pool would keep a broken connection from the first try.
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5 }.ConnectionString;
        try
        {
            await pipeline.ExecuteAsync(async token =>
            {
                await using var connection = new NpgsqlConnection(unpooled);
                try
                {
                    await connection.OpenAsync(token);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
                {
                    // The server answered: the database is not made yet, which the migrator does next.
                }
            }, ct);
        }
        catch (TimeoutRejectedException)
        {
            var where = new NpgsqlConnectionStringBuilder(connectionString);
            throw new DatabaseUnreachableException($"PostgreSQL at {where.Host}:{where.Port} did not answer within {limit.TotalSeconds:0} s.");
        }
    }

    /// <summary>Not there yet (refused, timed out, a name not yet resolvable), or there but starting up or shutting down.</summary>
    static bool IsWorthWaitingFor(Exception e) => e switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.AdminShutdown
            or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.TooManyConnections,
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is System.Net.Sockets.SocketException or TimeoutException,
        _ => false,
    };
}

/// <summary>The database could not be reached within the start-up wait; the message is one line for the operator.</summary>
public sealed class DatabaseUnreachableException(string message) : Exception(message);
