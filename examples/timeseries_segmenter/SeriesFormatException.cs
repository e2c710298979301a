namespace TimeseriesSegmenter;

/// <summary>A task's CSV does not fit the config's TimeSeries tag; the message names the column.</summary>
public sealed class SeriesFormatException : Exception
{
    /// <summary>Creates the exception with a message that names the column.</summary>
    public SeriesFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception, keeping the cause.</summary>
    public SeriesFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public SeriesFormatException()
        : base("the CSV does not fit the TimeSeries tag")
    {
    }
}
