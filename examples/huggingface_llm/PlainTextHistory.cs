using LLama.Abstractions;
using LLama.Common;

namespace HuggingFaceLlm;

/// <summary>
/// Hands a local model the user's text as it is, without a chat template, so that the model continues it — what the
/// original's text-generation pipeline does. System messages (written for chat servers) are left out.
/// </summary>
internal sealed class PlainTextHistory : IHistoryTransform
{
    public string HistoryToText(ChatHistory history) =>
        string.Concat(history.Messages.Where(message => message.AuthorRole == AuthorRole.User).Select(message => message.Content));

    public ChatHistory TextToHistory(AuthorRole role, string text)
    {
        var history = new ChatHistory();
        history.AddMessage(role, text);
        return history;
    }

    public IHistoryTransform Clone() => new PlainTextHistory();
}
