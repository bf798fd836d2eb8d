// WAHA's lids API: https://waha.devlike.pro/docs/how-to/contacts/#api---lids
//   GET {BaseUrl}/api/{session}/lids/{lid}   X-Api-Key: …   →   {"lid":"201234567890123@lid","pn":"919876543210@c.us"}
//   (`pn` is null when the linked phone does not know the number: not in its contacts, or not a group admin.)
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ReportBot.BotHost.Channels.Waha;

/// <summary>
/// Maps a WhatsApp privacy id (`…@lid`) to its phone through WAHA, remembering what it learnt for the life of the
/// process. What it learns is also stored for good: the inbox writer keeps each (lid, phone) pair a message brings in
/// `channel_identities`, so a later message with the lid alone still finds its phone when WAHA cannot say.
/// </summary>
public sealed class WahaLids(HttpClient http, IOptions<WahaOptions> options, ILogger<WahaLids> logger)
{
    readonly ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);

    /// <summary>The phone's E.164 digits, or null if WAHA does not know it, is slow, or cannot be reached.</summary>
    public async Task<string?> PhoneOfAsync(string lid, CancellationToken ct)
    {
        if (_known.TryGetValue(lid, out var known))
            return known;
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.LidLookupTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get,
                $"{settings.Api}/api/{Uri.EscapeDataString(settings.Session)}/lids/{Uri.EscapeDataString(lid)}");
            if (!string.IsNullOrEmpty(settings.ApiKey))
                request.Headers.Add("X-Api-Key", settings.ApiKey);
            using var response = await http.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("WAHA answered HTTP {Status} when asked for the phone of a lid", (int)response.StatusCode);
                return null;
            }
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
            var pn = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("pn", out var p)
                && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            if (WahaInbound.PhoneOf(pn) is not { } phone)
                return null; // not known now; it may be later (WAHA learns it when the phone sees the number)
            _known[lid] = phone;
            return phone;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            // The message is stored without a phone (or with the one remembered in the database): nothing is lost.
            logger.LogWarning("Could not ask WAHA for the phone of a lid: {Error}", e.GetType().Name);
            return null;
        }
    }
}
