using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>Stops the server at start-up, naming the variable, when a task data setting cannot work.</summary>
internal sealed class LabelStudioConnectionOptionsValidator : IValidateOptions<LabelStudioConnectionOptions>
{
    public ValidateOptionsResult Validate(string? name, LabelStudioConnectionOptions options)
    {
        List<string> failures = [];
        if (options.MaxFileSize <= 0)
        {
            failures.Add($"TASK_DATA_MAX_FILE_SIZE must be positive, got {options.MaxFileSize}.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add($"TASK_DATA_TIMEOUT must be positive, got {options.Timeout.TotalSeconds} s.");
        }

        if (options.MaxRedirects < 0)
        {
            failures.Add($"MaxRedirects must not be negative, got {options.MaxRedirects}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
