using System.Text.Json.Serialization;

namespace FineTuneAdvisor.Scoring.RuleSets.Loading;

/// <summary>
/// The strict reading of rule-set JSON (generated at build time): camelCase names exactly as written, unknown
/// properties refused, a repeated property refused, required members required, nulls only where the DTO allows
/// them, numbers only as JSON numbers.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(RuleSetDto))]
internal sealed partial class RuleSetJsonContext : JsonSerializerContext;
