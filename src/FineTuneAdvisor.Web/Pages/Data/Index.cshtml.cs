using System.Text;
using FineTuneAdvisor.Web.Datasets;
using FineTuneAdvisor.Web.Pages.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace FineTuneAdvisor.Web.Pages.Data;

/// <summary>
/// /data: upload or paste a training-data sample and get it measured. The analysis runs as a job (see
/// <see cref="AnalysisJobs"/>); a small sample's report is shown straight away, a large one's page follows its
/// progress. Works without JavaScript.
/// </summary>
public sealed class IndexModel(AnalysisJobs jobs, IValidator<IndexModel.InputModel> validator, IOptions<DatasetOptions> options, TimeProvider time)
    : PageModel
{
    /// <summary>How long the form waits for a job before showing its progress page instead.</summary>
    public static readonly TimeSpan QuickWait = TimeSpan.FromSeconds(2);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    /// <summary><c>draft</c> when opened from the questionnaire's data step: the report then offers its answers to the draft first.</summary>
    [BindProperty(SupportsGet = true, Name = "for")]
    public string? For { get; set; }

    public bool IsForDraft => For == ReportModel.ForDraft;

    public sealed class InputModel
    {
        public IFormFile? File { get; set; }

        public string? Text { get; set; }

        public string? Model { get; set; } = TargetModels.Default.Id;
    }

    /// <summary>Set by <see cref="UploadSizeFilter"/> when an upload was refused unread for its size.</summary>
    [TempData(Key = UploadSizeFilter.ErrorKey)]
    public string? UploadError { get; set; }

    public IActionResult OnGet()
    {
        if (UploadError is not null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.File)}", UploadError);
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState, nameof(Input));
            if (Input.File?.Length > MaxUploadBytes)
            {
                Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            }

            return Page();
        }

        var source = Input.File is { } file ? await SaveUploadAsync(file, cancellationToken) : AnalysisSource.FromBytes(Encoding.UTF8.GetBytes(Input.Text!));
        var job = jobs.Start(source, TargetModels.Find(Input.Model)!, DataOwnerCookie.GetOrCreate(HttpContext), MaxUploadBytes);
        if (job is null)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = DatasetServices.Seconds(AnalysisSlots.RetryAfterSeconds);
            ModelState.AddModelError(FieldOf(), $"Other analyses are using this server right now. Try again in {AnalysisSlots.RetryAfterSeconds} seconds.");
            return Page();
        }

        // Most samples take well under a second: show their report at once rather than a progress page.
        await Task.WhenAny(job.Completion, Task.Delay(QuickWait, time, cancellationToken));
        if (job.State == JobState.Failed)
        {
            Response.StatusCode = job.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            ModelState.AddModelError(FieldOf(), job.Error!);
            return Page();
        }

        return RedirectToPage("Report", new { id = job.Id, @for = IsForDraft ? ReportModel.ForDraft : null });
    }

    private string FieldOf() => Input.File is not null ? $"{nameof(Input)}.{nameof(InputModel.File)}" : $"{nameof(Input)}.{nameof(InputModel.Text)}";

    /// <summary>Copies the upload into a private temporary file the job reads and deletes.</summary>
    private static async Task<AnalysisSource> SaveUploadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        string path;
        await using (var target = AnalysisJobs.CreateUploadFile(out path))
        {
            try
            {
                await using var upload = file.OpenReadStream();
                await upload.CopyToAsync(target, cancellationToken);
            }
            catch
            {
                target.Close();
                System.IO.File.Delete(path);
                throw;
            }
        }

        return AnalysisSource.FromTempFile(path, Path.GetFileName(file.FileName));
    }

    /// <summary>The summary links a field's error to the field's element id (field-file, field-text, field-model).</summary>
    public static string? SummaryFieldId(string key) =>
        key.StartsWith($"{nameof(Input)}.", StringComparison.Ordinal) ? "field-" + key[(nameof(Input).Length + 1)..].ToLowerInvariant() : null;

    public string? ErrorFor(string field) =>
        ModelState.TryGetValue($"{nameof(Input)}.{field}", out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
