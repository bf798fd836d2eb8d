namespace ReportBot.BotHost.Messaging;

/// <summary>
/// The transport half of a send, the same for every provider: a connection that could not be made is retryable (the
/// request never left), while a lost answer is uncertain (the request may have arrived, and sending again could
/// deliver it twice). What the provider's answer means is each channel's own business.
/// </summary>
public static class ProviderHttp
{
    public static async Task<(HttpResponseMessage? Response, SendResult? Failure)> SendAsync(
        HttpClient http, HttpRequestMessage request, string provider, CancellationToken ct)
    {
        try
        {
            return (await http.SendAsync(request, ct), null);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            return (null, new SendResult.Retryable($"could not connect to {provider}: {e.HttpRequestError}"));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return (null, new SendResult.Uncertain($"no answer from {provider}: {e.GetType().Name}"));
        }
    }
}
