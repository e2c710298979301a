using System.Net;
using System.Net.Sockets;

namespace LabelStudio.ML;

/// <summary>
/// The transport of every outbound request: redirects are not followed automatically (the SDK follows them itself
/// so that the credential never reaches another host), TLS verification per <c>VERIFY_SSL</c>, and connections to
/// cloud metadata addresses refused after name resolution.
/// </summary>
internal static class LabelStudioHttpHandler
{
    public static SocketsHttpHandler Create(LabelStudioConnectionOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
        if (!options.VerifySsl)
        {
#pragma warning disable CA5359 // The user turned verification off with VERIFY_SSL=false, as the original SDK allows.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        if (!options.AllowMetadataAddresses)
        {
            handler.ConnectCallback = ConnectRefusingMetadataAsync;
        }

        return handler;
    }

    private static async ValueTask<Stream> ConnectRefusingMetadataAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        if (addresses.Any(MetadataAddresses.Contains))
        {
            throw MetadataAddresses.Refusal(context.InitialRequestMessage.RequestUri?.ToString() ?? context.DnsEndPoint.Host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
