namespace LabelStudio.ML.Tests.TaskData;

/// <summary>A clock the test moves by hand, shared by the fake Label Studio (token expiry) and the client.</summary>
internal sealed class ManualTime : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;
}
