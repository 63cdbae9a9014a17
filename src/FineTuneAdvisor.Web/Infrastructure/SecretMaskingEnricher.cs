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
            if (value is ScalarValue { Value: string text } && MaskText(text) is var masked && !ReferenceEquals(masked, text))
            {
                (changed ??= []).Add(new LogEventProperty(name, new ScalarValue(masked)));
            }
        }

        foreach (var property in changed ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
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
