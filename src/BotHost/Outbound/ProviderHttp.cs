using ReportBot.BotHost.Inbound;
namespace ReportBot.BotHost.Outbound;

/// <summary>
/// The transport half of a send, the same for every provider: a connection that could not be made is retryable (the
/// request never left), while a lost answer is uncertain (the request may have arrived, and sending again could
/// deliver it twice). What the provider's answer means is each channel's own business.
/// </summary>
public static class ProviderHttp
{
    /// <summary>
    /// How every channel writes its provider's JSON: Hindi and emoji as themselves rather than \u escapes (the body is
    /// read by an API, never put into HTML), and absent parts left out, as the providers' own examples do.
    /// </summary>
    public static readonly System.Text.Json.JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// The handler every channel's client uses: a connect timeout well inside the request timeout, so that a provider
    /// that cannot be reached fails as "no connection" (retryable) rather than as a timeout (uncertain).
    /// </summary>
    public static SocketsHttpHandler Handler() => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5), // follow the provider's DNS
        MaxConnectionsPerServer = 256,
    };

    public static async Task<(HttpResponseMessage? Response, SendResult? Failure)> SendAsync(
        HttpClient http, HttpRequestMessage request, string provider, CancellationToken ct)
    {
        try
        {
            return (await http.SendAsync(request, ct), null);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                                                 or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError)
        {
            // No connection (refused, unreachable, past SocketsHttpHandler.ConnectTimeout), or no TLS session: the
            // request's first byte never left, so sending again cannot deliver it twice.
            return (null, new SendResult.Retryable($"could not connect to {provider}: {e.HttpRequestError}"));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return (null, new SendResult.Uncertain($"no answer from {provider}: {e.GetType().Name}"));
        }
    }
}
