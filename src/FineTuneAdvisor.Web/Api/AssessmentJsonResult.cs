using System.Text.Json;
using FineTuneAdvisor.Web.Assessments;

namespace FineTuneAdvisor.Web.Api;

/// <summary>
/// Writes an assessment in the <see cref="AssessmentResponse"/> shape, with the stored answers and result JSON
/// copied as they are: scoring and serialising happened once, when the assessment was saved.
/// </summary>
public sealed class AssessmentJsonResult(AssessmentRow row, string? shareToken, string shareUrl, int statusCode, string? location = null) : IResult
{
    /// <summary>Only in the creation response: the owner's manage token and link, shown this once.</summary>
    public (string Token, string Url)? Manage { get; init; }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        if (location is not null)
        {
            response.Headers.Location = location;
        }

        await using (var writer = new Utf8JsonWriter(response.BodyWriter))
        {
            writer.WriteStartObject();
            writer.WriteString("id", row.PublicId);
            if (shareToken is not null)
            {
                writer.WriteString("shareToken", shareToken);
            }

            writer.WriteString("shareUrl", shareUrl);
            if (Manage is var (manageToken, manageUrl))
            {
                writer.WriteString("manageToken", manageToken);
                writer.WriteString("manageUrl", manageUrl);
            }

            writer.WriteString("createdAt", DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc));
            writer.WriteNumber("ruleSetVersion", row.RuleSetVersion);
            writer.WritePropertyName("answers");
            writer.WriteRawValue(row.AnswersJson, skipInputValidation: true);
            writer.WritePropertyName("result");
            writer.WriteRawValue(row.ResultJson, skipInputValidation: true);
            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
