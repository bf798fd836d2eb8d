using Npgsql;

namespace ReportBot.BotHost.Health;

public static class HealthEndpoints
{
    /// <summary>`/healthz`: the process is alive. `/readyz`: and the database answers.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok"));
        app.MapGet("/readyz", async Task<IResult> (NpgsqlDataSource db, CancellationToken ct) =>
        {
            try
            {
                await using var command = db.CreateCommand("select 1");
                await command.ExecuteScalarAsync(ct);
                return TypedResults.Text("ready");
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                return TypedResults.Text("database unreachable", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }
}
