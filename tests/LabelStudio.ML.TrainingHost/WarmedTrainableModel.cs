namespace LabelStudio.ML.TrainingHost;

/// <summary>
/// <see cref="TrainableModel"/> with a warm-up that takes <c>WARMUP_DELAY_MS</c> per version, as loading real weights
/// would: shows that predictions keep the previous version until the new one is warm. Chosen with <c>MODEL_CLASS=warmed</c>.
/// </summary>
public sealed class WarmedTrainableModel(IConfiguration configuration) : TrainableModel(configuration)
{
    private readonly IConfiguration _configuration = configuration;

    /// <inheritdoc />
    public override async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(_configuration.GetValue("WARMUP_DELAY_MS", 0), cancellationToken);
        Logger.LogInformation("Warmed {Weights}", Artifacts.CurrentDirectory is { } directory ? File.ReadAllText(Path.Combine(directory, WeightsFile)) : Untrained);
    }
}
