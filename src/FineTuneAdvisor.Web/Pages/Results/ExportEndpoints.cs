using System.Text;
using FineTuneAdvisor.Web.Api;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Infrastructure;

namespace FineTuneAdvisor.Web.Pages.Results;

/// <summary>
/// Downloads of a shared assessment, under its share link so they need nothing more than the link does:
/// JSON in the API's shape, and Markdown. Unknown tokens are the same 404 as the page.
/// </summary>
public static class ExportEndpoints
{
    public const string JsonName = "ExportAssessmentJson";
    public const string MarkdownName = "ExportAssessmentMarkdown";

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/a/{token}").RequireRateLimiting(RateLimitingSetup.SharedLinks).ExcludeFromDescription().AllowAnonymous();

        exports.MapGet("/export.json", async Task<IResult> (string token, HttpContext context, AssessmentService assessments, Links links, Costs.AssessmentCosts costs, CancellationToken cancellationToken) =>
        {
            var row = await assessments.FindRowAsync(token, cancellationToken);
            if (row is null)
            {
                return TypedResults.NotFound();
            }

            MarkAsDownload(context.Response, "assessment.json");
            return TypedResults.Ok(AssessmentResponse.Read(row, links.ShareUrl(token), costs));
        }).WithName(JsonName);

        exports.MapGet("/export.md", async Task<IResult> (string token, HttpContext context, AssessmentService assessments, Links links, Costs.AssessmentCosts costs, CancellationToken cancellationToken) =>
        {
            var assessment = await assessments.FindByShareTokenAsync(token, cancellationToken);
            if (assessment is null)
            {
                return TypedResults.NotFound();
            }

            MarkAsDownload(context.Response, "assessment.md");
            var markdown = MarkdownReport.Render(assessment, links.ShareUrl(token), costs.For(assessment.Answers, assessment.DataEvidence));
            return TypedResults.Text(markdown, "text/markdown; charset=utf-8", Encoding.UTF8);
        }).WithName(MarkdownName);

        return app;
    }

    private static void MarkAsDownload(HttpResponse response, string fileName) =>
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
}
