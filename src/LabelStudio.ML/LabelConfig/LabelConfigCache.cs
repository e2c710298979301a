using System.Collections.Concurrent;

namespace LabelStudio.ML;

/// <summary>
/// Parsed label configs by their XML text. Label Studio sends the same config with every request of a project,
/// so parsing it once per process keeps <c>/predict</c> from re-reading XML each time.
/// </summary>
internal sealed class LabelConfigCache
{
    private const int Capacity = 256;
    private readonly ConcurrentDictionary<string, LabelConfig> _configs = new(StringComparer.Ordinal);

    public static LabelConfigCache Shared { get; } = new();

    public LabelConfig Parse(string xml)
    {
        if (_configs.TryGetValue(xml, out var config))
        {
            return config;
        }

        config = LabelConfig.Parse(xml);
        if (_configs.Count >= Capacity)
        {
            // Many distinct configs means projects being edited; starting over is cheaper than tracking recency.
            _configs.Clear();
        }

        _configs[xml] = config;
        return config;
    }
}
