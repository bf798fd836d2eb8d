using System.Security.Cryptography;
using System.Text;

namespace ReportBot.BotHost.Security;

/// <summary>`Admin:ApiKey`, carried in `X-Admin-Key` by the admin API's callers and by the simulator's page when it asks for it.</summary>
public static class AdminKey
{
    public const string ConfigurationKey = "Admin:ApiKey";
    public const string Header = "X-Admin-Key";

    /// <summary>The configured key, or null when the admin API is off.</summary>
    public static string? Of(IConfiguration configuration) =>
        configuration[ConfigurationKey] is { Length: > 0 } key ? key : null;

    /// <summary>Every endpoint of <paramref name="group"/> answers 401 unless the request carries <paramref name="key"/>.</summary>
    public static RouteGroupBuilder RequireAdminKey(this RouteGroupBuilder group, string key)
    {
        var expected = Encoding.UTF8.GetBytes(key);
        return group.AddEndpointFilter(async (context, next) =>
        {
            var given = context.HttpContext.Request.Headers[Header].ToString();
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), expected)
                ? await next(context)
                : TypedResults.Unauthorized();
        });
    }
}
