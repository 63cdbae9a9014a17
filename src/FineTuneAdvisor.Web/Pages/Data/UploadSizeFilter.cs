using FineTuneAdvisor.Web.Datasets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace FineTuneAdvisor.Web.Pages.Data;

/// <summary>
/// Refuses an upload whose Content-Length is over the limit before anything reads it. Without it the antiforgery
/// check would read the form first, hit the body limit and answer a bare 400; with it the visitor is sent back to
/// the form with the limit stated beside the file field.
/// </summary>
public sealed class UploadSizeFilter(long bodyLimit, long fileLimit) : IAsyncAuthorizationFilter, IOrderedFilter
{
    public const string ErrorKey = "UploadError";

    /// <summary>Before the antiforgery filter (order 1000), which reads the whole form.</summary>
    public int Order => int.MinValue;

    public Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsPost(request.Method) || !(request.ContentLength > bodyLimit))
        {
            return Task.CompletedTask;
        }

        var tempData = context.HttpContext.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context.HttpContext);
        tempData[ErrorKey] = new UploadTooLargeException(fileLimit).Message;
        tempData.Save();
        context.Result = new RedirectToPageResult("/Data/Index");
        return Task.CompletedTask;
    }
}
