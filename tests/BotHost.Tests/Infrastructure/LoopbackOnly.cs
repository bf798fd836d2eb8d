using System.Net;
using Microsoft.Extensions.Http;

namespace ReportBot.BotHost.Tests.Infrastructure;

/// <summary>
/// Every HTTP client the app builds (the channels' senders) refuses any host but this machine: no test may reach a real
/// provider, whatever a setting says. Added to every <see cref="ReportBotApp"/>.
/// </summary>
public sealed class LoopbackOnly : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        builder.AdditionalHandlers.Insert(0, new Guard());
    };

    public sealed class Guard : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var host = request.RequestUri?.Host ?? "";
            if (host != "localhost" && !(IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address)))
                throw new InvalidOperationException($"A test tried to reach {request.RequestUri}; tests stay on 127.0.0.1.");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
