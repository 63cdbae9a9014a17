using FineTuneAdvisor.Web.Api;
using FineTuneAdvisor.Web.Pages.Results;

namespace FineTuneAdvisor.Web.Assessments;

/// <summary>
/// Every address the app hands out for an assessment, generated from the route table, so each route is written once:
/// in its page's <c>@page</c> line or where its endpoint is mapped. Paths carry the request's path base; the
/// <c>…Url</c> methods are absolute, for links people copy and paste. Nothing is taken from the current request's
/// route values, so a link never borrows a token or a revision from the page it is drawn on.
/// </summary>
public sealed class Links(LinkGenerator generator, IHttpContextAccessor accessor)
{
    private HttpRequest Request => accessor.HttpContext?.Request ?? throw new InvalidOperationException("Links are made while serving a request.");

    /// <summary>The share page <c>/a/{token}</c>, or with <paramref name="publicId"/> another revision of its family.</summary>
    public string Share(string token, string? publicId = null) => Page("/Results/Show", new { token, publicId });

    public string ShareUrl(string token, string? publicId = null) => Absolute(Share(token, publicId));

    /// <summary>"Start a revision" of the assessment a share page shows.</summary>
    public string Revise(string token, string? publicId = null) => Page("/Results/Revise", new { token, publicId });

    public string Manage(string manageToken) => Page("/Manage/Index", new { token = manageToken });

    public string ManageUrl(string manageToken) => Absolute(Manage(manageToken));

    public string Delete(string manageToken) => Page("/Manage/Delete", new { token = manageToken });

    /// <summary>The private link that carries a questionnaire draft to another browser.</summary>
    public string ResumeUrl(string draftToken) => Absolute(Page("/Assess/Resume", new { token = draftToken }));

    /// <summary>Two assessments side by side, each given by its share link as a visitor would paste it.</summary>
    public string Compare(string first, string? second = null) => Page("/Compare/Index", new { a = first, b = second });

    public string ExportJson(string token) => Endpoint(ExportEndpoints.JsonName, new { token });

    public string ExportMarkdown(string token) => Endpoint(ExportEndpoints.MarkdownName, new { token });

    /// <summary>The API's read of an assessment (the Location of a 201).</summary>
    public string ApiAssessment(string token) => Endpoint(AssessmentsApi.GetAssessmentName, new { shareToken = token });

    private string Page(string page, object values) =>
        generator.GetPathByPage(page, handler: null, values, Request.PathBase)
            ?? throw new InvalidOperationException($"No route to the page {page}.");

    private string Endpoint(string name, object values) =>
        generator.GetPathByName(name, values, Request.PathBase)
            ?? throw new InvalidOperationException($"No route to the endpoint {name}.");

    private string Absolute(string path) => $"{Request.Scheme}://{Request.Host}{path}";
}
