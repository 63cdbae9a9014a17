using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace FineTuneAdvisor.Web.Infrastructure;

/// <summary>
/// Masks capability tokens in every log event, whatever logged it and at whatever level: share and resume
/// paths lose their last segment, and any other 32+ character base64url run (a token in a query or cookie) is
/// replaced. It works on property values, so rendered messages are masked too.
/// </summary>
public sealed partial class SecretMaskingEnricher : ILogEventEnricher
{
    public const string Mask = "[redacted]";

    [GeneratedRegex(@"(/a/|/api/assessments/|/resume/|/manage/)[^/?#\s""']+", RegexOptions.IgnoreCase)]
    private static partial Regex CapabilityPath();

    [GeneratedRegex(@"[A-Za-z0-9_-]{32,}")]
    private static partial Regex LongToken();

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        List<LogEventProperty>? changed = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            var masked = MaskValue(value);
            if (!ReferenceEquals(masked, value))
            {
                (changed ??= []).Add(new LogEventProperty(name, masked));
            }
        }

        foreach (var property in changed ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    /// <summary>
    /// Masks strings at any depth: frameworks log argument lists and objects (Razor Pages logs a handler's
    /// arguments, the token among them, at Trace). Returns the same instance when nothing changed.
    /// </summary>
    private static LogEventPropertyValue MaskValue(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string text }:
                var masked = MaskText(text);
                return ReferenceEquals(masked, text) ? value : new ScalarValue(masked);
            case SequenceValue sequence:
                var elements = sequence.Elements.Select(MaskValue).ToList();
                return elements.SequenceEqual(sequence.Elements, ReferenceEqualityComparer.Instance) ? value : new SequenceValue(elements);
            case StructureValue structure:
                var properties = structure.Properties.Select(p => MaskValue(p.Value) is var v && ReferenceEquals(v, p.Value) ? p : new LogEventProperty(p.Name, v)).ToList();
                return properties.SequenceEqual(structure.Properties, ReferenceEqualityComparer.Instance) ? value : new StructureValue(properties, structure.TypeTag);
            case DictionaryValue dictionary:
                var entries = dictionary.Elements.Select(e => KeyValuePair.Create((ScalarValue)MaskValue(e.Key), MaskValue(e.Value))).ToList();
                return entries.Zip(dictionary.Elements).All(p => ReferenceEquals(p.First.Key, p.Second.Key) && ReferenceEquals(p.First.Value, p.Second.Value))
                    ? value
                    : new DictionaryValue(entries);
            default:
                return value;
        }
    }

    /// <summary>The text with tokens masked; the same instance when there was nothing to mask.</summary>
    public static string MaskText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < 3)
        {
            return text;
        }

        var masked = CapabilityPath().Replace(text, m => m.Groups[1].Value + Mask);
        masked = LongToken().Replace(masked, Mask);
        return masked == text ? text : masked;
    }
}
