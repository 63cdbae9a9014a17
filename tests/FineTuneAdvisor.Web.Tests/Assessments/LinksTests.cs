using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Assessments;

/// <summary>Every address the app hands out comes from the route table, with the request's path base kept.</summary>
public sealed class LinksTests : IDisposable
{
    private const string Token = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private const string PublicId = "revisionId0123456789abcd";

    private readonly AdvisorAppFactory _app = new();
    private readonly Links _links;

    public LinksTests()
    {
        _app.CreateClient().Dispose();
        var request = new DefaultHttpContext().Request;
        request.Scheme = "https";
        request.Host = new HostString("advisor.example");
        request.PathBase = "/tools";
        _links = new Links(_app.Services.GetRequiredService<LinkGenerator>(), new HttpContextAccessor { HttpContext = request.HttpContext });
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public void SharePaths_OpenTheLinkOrARevisionOfItsFamily()
    {
        Assert.Equal($"/tools/a/{Token}", _links.Share(Token));
        Assert.Equal($"/tools/a/{Token}/r/{PublicId}", _links.Share(Token, PublicId));
        Assert.Equal($"https://advisor.example/tools/a/{Token}", _links.ShareUrl(Token));
        Assert.Equal($"/tools/a/{Token}/revise", _links.Revise(Token));
        Assert.Equal($"/tools/a/{Token}/r/{PublicId}/revise", _links.Revise(Token, PublicId));
        Assert.Equal($"/tools/a/{Token}/export.json", _links.ExportJson(Token));
        Assert.Equal($"/tools/a/{Token}/export.md", _links.ExportMarkdown(Token));
        Assert.Equal($"/tools/api/assessments/{Token}", _links.ApiAssessment(Token));
    }

    [Fact]
    public void OwnerResumeAndComparePaths_AreTheirPagesRoutes()
    {
        Assert.Equal($"/tools/manage/{Token}", _links.Manage(Token));
        Assert.Equal($"https://advisor.example/tools/manage/{Token}", _links.ManageUrl(Token));
        Assert.Equal($"/tools/manage/{Token}/delete", _links.Delete(Token));
        Assert.Equal($"https://advisor.example/tools/assess/resume/{Token}", _links.ResumeUrl(Token));
        Assert.Equal(
            $"/tools/compare?a={Uri.EscapeDataString(_links.ShareUrl(Token))}&b={Uri.EscapeDataString(_links.ShareUrl(Token, PublicId))}",
            _links.Compare(_links.ShareUrl(Token), _links.ShareUrl(Token, PublicId)));
    }
}
