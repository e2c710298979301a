using System.Security.Cryptography;
using System.Text;

namespace LabelStudio.ML;

/// <summary>Cache file names of SPEC §8.4: <c>&lt;md5hex(key)[0:8]&gt;__&lt;basename&gt;</c>, made safe as a file name.</summary>
internal static class CacheFileNames
{
    private const int MaxNameLength = 150;

    public static string For(string key, string fileName) => $"{Prefix(key)}__{Sanitize(fileName)}";

    /// <summary>The last path segment of <paramref name="url"/>, its query and fragment ignored.</summary>
    public static string BaseName(string url)
    {
        var end = url.IndexOfAny(['?', '#']);
        var path = end < 0 ? url : url[..end];
        return path[(path.LastIndexOf('/') + 1)..];
    }

    /// <summary>
    /// A name that stays inside the cache folder: no separators, no <c>..</c>, no control or reserved characters, not
    /// hidden, and not too long.
    /// </summary>
    public static string Sanitize(string fileName)
    {
        var builder = new StringBuilder(fileName.Length);
        foreach (var c in fileName)
        {
            builder.Append(char.IsControl(c) || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c);
        }

        var name = builder.ToString().Trim().TrimStart('.');
        if (name.Length == 0)
        {
            return "file";
        }

        return name.Length <= MaxNameLength ? name : name[^MaxNameLength..];
    }

    private static string Prefix(string key)
    {
#pragma warning disable CA5351 // MD5 names cache files as the original SDK does (SPEC §8.4); it protects nothing.
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(key));
#pragma warning restore CA5351
        return Convert.ToHexStringLower(hash)[..8];
    }
}
