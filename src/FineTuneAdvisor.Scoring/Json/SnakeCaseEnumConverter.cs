using System.Text.Json;
using System.Text.Json.Serialization;

namespace FineTuneAdvisor.Scoring.Json;

/// <summary>
/// Writes and reads an enum as its snake_case name (<c>RagAndFineTune</c> is <c>"rag_and_fine_tune"</c>): the codes the
/// spec, the API, rule sets and stored results use. Put on the enum type, so every serializer options agree.
/// Numbers are refused: a stored 2 would silently mean whatever the third member is today.
/// </summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
