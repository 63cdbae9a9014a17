using System.Collections.Frozen;
using System.Text.Json;

namespace FineTuneAdvisor.Scoring.Json;

/// <summary>
/// The JSON names of an enum's values, taken from its converter (see <see cref="SnakeCaseEnumConverter{TEnum}"/>), so a
/// form's list, a problem message or a CSS class uses exactly what rule sets and results say.
/// </summary>
public static class JsonEnumNames
{
    /// <summary>The value's JSON name, e.g. <c>"pilot_first"</c>.</summary>
    public static string JsonName<TEnum>(this TEnum value)
        where TEnum : struct, Enum => Cache<TEnum>.NameOf[value];

    /// <summary>Every JSON name of the enum, in declaration order.</summary>
    public static IReadOnlyList<string> Of<TEnum>()
        where TEnum : struct, Enum => Cache<TEnum>.Names;

    /// <summary>Exactly one of the JSON names (case-sensitive, no numbers, no lists): what a rule set may write.</summary>
    public static bool TryParse<TEnum>(string? name, out TEnum value)
        where TEnum : struct, Enum
    {
        if (name is not null && Cache<TEnum>.ValueOf.TryGetValue(name, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    private static class Cache<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> NameOf =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(v))!);

        public static readonly FrozenDictionary<string, TEnum> ValueOf = NameOf.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        public static readonly IReadOnlyList<string> Names = [.. Enum.GetValues<TEnum>().Select(v => NameOf[v])];
    }
}
