using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>
/// Turns every failure of a handler into the JSON error envelope: 4xx for what the request got wrong (its
/// <c>detail</c> says what), 500 with <c>"&lt;ExceptionType&gt;: &lt;message&gt;"</c> and the stack trace for model
/// failures (SPEC §2.0.3, §13). The server keeps serving either way.
/// </summary>
internal sealed class EndpointErrorHandler(IOptions<LabelStudioMLOptions> options, ILogger<EndpointErrorHandler> logger)
{
    public RequestDelegate Wrap(Func<HttpContext, Task> handler) => async context =>
    {
        try
        {
            await handler(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            Log.ClientGone(logger, context.Request.Method, context.Request.Path);
        }
        catch (Exception ex)
        {
            var (status, detail, traceback) = Describe(ex);
            if (status >= StatusCodes.Status500InternalServerError)
            {
                Log.RequestFailed(logger, ex, context.Request.Method, context.Request.Path, status, detail);
            }
            else
            {
                Log.RequestRejected(logger, context.Request.Method, context.Request.Path, status, detail);
            }

            if (context.Response.HasStarted)
            {
                // Part of an answer is out; the only honest thing left is to cut the connection.
                context.Abort();
                return;
            }

            context.Response.Clear();
            if (ex is AnswerException { RetryAfter: { } retryAfter })
            {
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            await ErrorEnvelope.WriteAsync(context, status, detail, traceback).ConfigureAwait(false);
        }
    };

    private (int Status, string Detail, string Traceback) Describe(Exception exception) => exception switch
    {
        AnswerException answer when answer.StatusCode < StatusCodes.Status500InternalServerError =>
            (answer.StatusCode, answer.Message, answer.Message),
        AnswerException answer => (answer.StatusCode, answer.Message, answer.ToString()),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge =>
            (tooLarge.StatusCode,
             $"The request body is larger than the limit of {options.Value.MaxRequestBodySize} bytes (set MAX_REQUEST_BODY_SIZE to raise it).",
             tooLarge.Message),
        BadHttpRequestException badRequest => (badRequest.StatusCode, $"Bad request: {badRequest.Message}", badRequest.Message),
        // Task data failures are the backend's configuration or the media, never the request: 500 whose detail says
        // the cause and the fix, even when the model wrapped the exception (Parallel.ForEachAsync, its own type).
        _ when FindTaskDataException(exception) is { } taskData =>
            (StatusCodes.Status500InternalServerError, $"{nameof(TaskDataException)}: {taskData.Message}", exception.ToString()),
        _ => (StatusCodes.Status500InternalServerError, $"{exception.GetType().Name}: {exception.Message}", exception.ToString()),
    };

    private static TaskDataException? FindTaskDataException(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is TaskDataException taskData)
            {
                return taskData;
            }
        }

        return null;
    }
}
