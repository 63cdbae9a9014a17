using Microsoft.ML.Tokenizers;

namespace FineTuneAdvisor.Web.Datasets;

/// <summary>
/// Counts an example's tokens as the notebook does (num_tokens_from_messages): 3 tokens of framing per message,
/// the tokens of every string value (role, content, name), 1 more for a name, and 3 priming the reply. The
/// notebook calls it "not exact", but it matches the API's prompt_tokens for the cookbook's examples. A
/// function_call is counted by its JSON text; the numeric weight key is not text and adds nothing.
/// </summary>
public sealed class TokenCounter(Tokenizer tokenizer)
{
    public const int TokensPerMessage = 3;
    public const int TokensPerName = 1;
    public const int ReplyPriming = 3;

    private readonly Dictionary<string, int> _roles = ChatRoles(tokenizer);

    public Tokenizer Tokenizer => tokenizer;

    public int Count(string text) => text.Length == 0 ? 0 : tokenizer.CountTokens(text);

    /// <summary>Tokens of the whole example, and of its assistant messages' content alone.</summary>
    public (int Total, int Assistant) CountExample(IReadOnlyList<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var total = ReplyPriming;
        var assistant = 0;
        foreach (var message in messages)
        {
            var content = Count(message.Content);
            total += TokensPerMessage + RoleTokens(message.Role) + content;
            if (message.Name is not null)
            {
                total += TokensPerName + Count(message.Name);
            }

            if (message.FunctionCall is not null)
            {
                total += Count(message.FunctionCall);
            }

            if (message.Role == Datasets.ChatRoles.Assistant)
            {
                assistant += content;
            }
        }

        return (total, assistant);
    }

    private int RoleTokens(string role) => _roles.TryGetValue(role, out var count) ? count : Count(role);

    private static Dictionary<string, int> ChatRoles(Tokenizer tokenizer) =>
        new[] { Datasets.ChatRoles.System, Datasets.ChatRoles.User, Datasets.ChatRoles.Assistant, Datasets.ChatRoles.Function }
            .ToDictionary(r => r, r => tokenizer.CountTokens(r), StringComparer.Ordinal);
}
