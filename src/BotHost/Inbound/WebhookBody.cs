using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace ReportBot.BotHost.Inbound;

/// <summary>
/// A webhook's raw body, read whole (signatures are computed over its exact bytes) and capped: the channel's limit is
/// set on the server and also enforced while reading, since a test server or a chunked upload sets none.
/// </summary>
public static class WebhookBody
{
    /// <summary>The body, or the answer to give instead: 413 past <paramref name="maxBytes"/>, 400 for a broken upload.</summary>
    public static async Task<(byte[]? Body, IResult? Refusal)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes;
        if (request.ContentLength > maxBytes)
            return (null, TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge));
        try
        {
            var buffer = new ArrayBufferWriter<byte>(16 * 1024);
            while (true)
            {
                var read = await request.Body.ReadAsync(buffer.GetMemory(16 * 1024), ct);
                if (read == 0)
                    return (buffer.WrittenSpan.ToArray(), null);
                buffer.Advance(read);
                if (buffer.WrittenCount > maxBytes)
                    return (null, TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge));
            }
        }
        catch (BadHttpRequestException e)
        {
            return (null, TypedResults.StatusCode(e.StatusCode)); // 413 past Kestrel's limit, 400 for a broken upload
        }
    }
}
