namespace LabelStudio.ML;

/// <summary>
/// Which local files task data may name: only files under the allowed folders (the cache, the local-files document
/// root, <c>TASK_DATA_ALLOWED_ROOTS</c>), checked after <c>..</c> is resolved and after following a symbolic link.
/// </summary>
internal static class LocalPaths
{
    /// <summary>The allowed folders, absolute.</summary>
    public static IReadOnlyList<string> AllowedRoots(LabelStudioConnectionOptions options, string cacheDirectory)
    {
        List<string> roots = [cacheDirectory];
        if (!string.IsNullOrWhiteSpace(options.LocalFilesDocumentRoot))
        {
            roots.Add(Path.GetFullPath(options.LocalFilesDocumentRoot));
        }

        roots.AddRange(options.AllowedRoots.Where(root => !string.IsNullOrWhiteSpace(root)).Select(Path.GetFullPath));
        return roots;
    }

    /// <summary>Whether <paramref name="fullPath"/> (absolute, normalized) is <paramref name="root"/> or inside it.</summary>
    public static bool IsInside(string fullPath, string root)
    {
        var prefix = Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar;
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return fullPath.StartsWith(prefix, comparison) || string.Equals(Path.TrimEndingDirectorySeparator(fullPath), Path.TrimEndingDirectorySeparator(root), comparison);
    }

    /// <summary>Whether <paramref name="fullPath"/> and, for a symbolic link, its final target lie inside one of <paramref name="roots"/>.</summary>
    public static bool IsAllowed(string fullPath, IReadOnlyList<string> roots)
    {
        if (!roots.Any(root => IsInside(fullPath, root)))
        {
            return false;
        }

        var target = File.Exists(fullPath) ? File.ResolveLinkTarget(fullPath, returnFinalTarget: true)?.FullName : null;
        return target is null || roots.Any(root => IsInside(Path.GetFullPath(target), root));
    }

    /// <summary>Whether a relative path has a <c>..</c> segment (with either separator).</summary>
    public static bool ClimbsOut(string relativePath) =>
        relativePath.Split('/', '\\').Any(segment => segment == "..");
}
