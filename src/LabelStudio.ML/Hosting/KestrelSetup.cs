using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>Listens on <c>HOST</c>:<c>PORT</c> and applies the request body limit.</summary>
internal sealed class KestrelSetup(IOptions<LabelStudioMLOptions> options) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        var settings = options.Value;
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBodySize;
        var port = settings.Port;
        switch (settings.Host)
        {
            case "0.0.0.0" or "*" or "+" or "::":
                kestrel.ListenAnyIP(port);
                break;
            case "localhost" when port == 0:
                // Kestrel cannot pick a free port for both loopback addresses at once; IPv4 loopback is enough.
                kestrel.Listen(IPAddress.Loopback, port);
                break;
            case "localhost":
                kestrel.ListenLocalhost(port);
                break;
            default:
                kestrel.Listen(IPAddress.TryParse(settings.Host, out var address)
                    ? address
                    : throw new OptionsValidationException("HOST", typeof(LabelStudioMLOptions), [$"HOST must be an IP address, 'localhost' or '0.0.0.0', got '{settings.Host}'."]),
                    port);
                break;
        }
    }
}
