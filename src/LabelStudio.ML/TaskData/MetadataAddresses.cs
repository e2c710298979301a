using System.Net;

namespace LabelStudio.ML;

/// <summary>Cloud instance-metadata endpoints: reading them from task data would hand out the machine's credentials.</summary>
internal static class MetadataAddresses
{
    private static readonly IPAddress[] Addresses =
    [
        IPAddress.Parse("169.254.169.254"),
        IPAddress.Parse("fd00:ec2::254"),
    ];

    private static readonly string[] HostNames = ["metadata.google.internal", "metadata"];

    /// <summary>Whether <paramref name="address"/> is a metadata address (IPv4-mapped IPv6 forms included).</summary>
    public static bool Contains(IPAddress address)
    {
        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return Addresses.Any(candidate => candidate.Equals(normalized));
    }

    /// <summary>Whether the URL's host is a metadata address or name, as written.</summary>
    public static bool Contains(Uri url) =>
        IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var address)
            ? Contains(address)
            : HostNames.Contains(url.IdnHost.TrimEnd('.'), StringComparer.OrdinalIgnoreCase);

    /// <summary>The error for a refused metadata URL.</summary>
    public static TaskDataException Refusal(string url) => new(
        TaskDataErrorCategory.Refused,
        $"{UrlRedaction.Redact(url)} points at a cloud metadata address, which task data may not reach (it would expose the machine's credentials). " +
        "Set TASK_DATA_ALLOW_METADATA_ADDRESSES=true only if the task really needs it.",
        url);
}
