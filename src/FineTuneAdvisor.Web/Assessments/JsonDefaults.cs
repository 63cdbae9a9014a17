using System.Text.Json;

namespace FineTuneAdvisor.Web.Assessments;

/// <summary>One set of JSON options for stored results and the API, so both speak the same shape.</summary>
public static class JsonDefaults
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
