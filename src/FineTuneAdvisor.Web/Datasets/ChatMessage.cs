namespace FineTuneAdvisor.Web.Datasets;

/// <summary>One message of a valid example, as the tokenizer counts it.</summary>
/// <remarks>
/// <para><c>FunctionCall</c>: The function_call value as JSON text, when there is one.</para>
/// </remarks>
public readonly record struct ChatMessage(string Role, string Content, string? Name = null, string? FunctionCall = null);

/// <summary>The roles the notebook accepts.</summary>
public static class ChatRoles
{
    public const string System = "system";
    public const string User = "user";
    public const string Assistant = "assistant";
    public const string Function = "function";

    public static bool IsKnown(string role) => role is System or User or Assistant or Function;
}
