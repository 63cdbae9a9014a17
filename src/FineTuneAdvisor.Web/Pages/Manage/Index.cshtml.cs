using System.Globalization;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Infrastructure;
using FineTuneAdvisor.Web.Pages.Assess;
using FineTuneAdvisor.Web.Pages.Manage;
using FineTuneAdvisor.Web.Pages.Compare;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FineTuneAdvisor.Web.Pages.Manage;

/// <summary>
/// The owner's page, reached only through the manage link: share links (issue, revoke, expiry), notes on the
/// answers, revisions and deletion. A manage token that opens nothing gets the same 404 as a dead share link.
/// </summary>
[EnableRateLimiting(RateLimitingSetup.SharedLinks)]
public sealed class IndexModel(OwnerService owners, DraftStore drafts, TimeProvider time) : PageModel
{
    public ManagedAssessment Managed { get; private set; } = null!;
    public string Token { get; private set; } = "";

    /// <summary>A share link issued by the last request, shown this once.</summary>
    [TempData]
    public string? NewShareToken { get; set; }

    /// <summary>What the last change did, in one sentence.</summary>
    [TempData]
    public string? Status { get; set; }

    [BindProperty]
    public Dictionary<string, string?> Notes { get; set; } = new(StringComparer.Ordinal);

    [BindProperty]
    public string? ExpiresOn { get; set; }

    [BindProperty]
    public int LinkId { get; set; }

    /// <summary>Errors by field: "notes-{questionId}", "expires-{linkId}" or "expires-new".</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string? NewShareUrl => NewShareToken is null ? null : Api.AssessmentsApi.ShareUrl(Request, NewShareToken);
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>The questions a note can go with: those shown in the answer list.</summary>
    public static IEnumerable<Question> NotableQuestions => QuestionCatalogue.Questions.Where(q => q.Type != QuestionType.Text);

    public Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) => ShowAsync(token, cancellationToken);

    public async Task<IActionResult> OnPostNewLinkAsync(string token, CancellationToken cancellationToken)
    {
        DateTime? expiresAt = null;
        if (!string.IsNullOrWhiteSpace(ExpiresOn) && (expiresAt = ParseExpiry(ExpiresOn, "expires-new")) is null)
        {
            return await ShowAsync(token, cancellationToken);
        }

        var created = await owners.CreateLinkAsync(token, expiresAt, cancellationToken);
        if (created is null)
        {
            return NotFound();
        }

        NewShareToken = created;
        Status = "A new share link was created. Copy it now: it is shown only this once.";
        return RedirectToPage(new { token });
    }

    public async Task<IActionResult> OnPostRevokeAsync(string token, CancellationToken cancellationToken)
    {
        if (!await owners.RevokeLinkAsync(token, LinkId, cancellationToken))
        {
            return NotFound();
        }

        Status = "The share link was revoked. Anyone opening it now sees that it is no longer shared.";
        return RedirectToPage(new { token });
    }

    public async Task<IActionResult> OnPostSetExpiryAsync(string token, CancellationToken cancellationToken)
    {
        var expiresAt = ParseExpiry(ExpiresOn, $"expires-{LinkId}");
        if (expiresAt is null)
        {
            return await ShowAsync(token, cancellationToken);
        }

        if (!await owners.SetExpiryAsync(token, LinkId, expiresAt, cancellationToken))
        {
            return NotFound();
        }

        Status = $"The share link now works until the end of {ExpiresOn} (UTC).";
        return RedirectToPage(new { token });
    }

    public async Task<IActionResult> OnPostClearExpiryAsync(string token, CancellationToken cancellationToken)
    {
        if (!await owners.SetExpiryAsync(token, LinkId, null, cancellationToken))
        {
            return NotFound();
        }

        Status = "The share link no longer expires.";
        return RedirectToPage(new { token });
    }

    public async Task<IActionResult> OnPostSaveNotesAsync(string token, CancellationToken cancellationToken)
    {
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var question in NotableQuestions)
        {
            var note = Notes.GetValueOrDefault(question.Id)?.Trim() ?? "";
            if (note.Length > AnswerNotes.MaxLength)
            {
                Errors[$"notes-{question.Id}"] = $"Keep the note to {AnswerNotes.MaxLength} characters or fewer (it has {note.Length}).";
            }

            notes[question.Id] = note;
        }

        if (Errors.Count > 0)
        {
            return await ShowAsync(token, cancellationToken, keepTypedNotes: true);
        }

        if (!await owners.SaveNotesAsync(token, notes, cancellationToken))
        {
            return NotFound();
        }

        Status = "Notes saved. They show beside the answers on the shared page.";
        return RedirectToPage(new { token });
    }

    public async Task<IActionResult> OnPostReviseAsync(string token, CancellationToken cancellationToken)
    {
        var managed = await owners.FindAsync(token, cancellationToken);
        if (managed is null)
        {
            return NotFound();
        }

        await drafts.StartRevisionAsync(HttpContext, managed.Assessment.Answers, managed.Assessment.PublicId, cancellationToken);
        return RedirectToPage("/Assess/Index", new { step = QuestionCatalogue.Sections[0].Id });
    }

    public string? ErrorFor(string key) => Errors.GetValueOrDefault(key);

    private async Task<IActionResult> ShowAsync(string token, CancellationToken cancellationToken, bool keepTypedNotes = false)
    {
        var managed = await owners.FindAsync(token, cancellationToken);
        if (managed is null)
        {
            return NotFound();
        }

        Managed = managed;
        Token = token;
        if (!keepTypedNotes)
        {
            Notes = managed.Assessment.Notes.ToDictionary(n => n.Key, n => (string?)n.Value, StringComparer.Ordinal);
        }

        Response.MarkAsCapability();
        return Page();
    }

    /// <summary>The last day a link works, as picked in a date field: from today to five years ahead.</summary>
    private DateTime? ParseExpiry(string? value, string errorKey)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Errors[errorKey] = "Choose the last day the link should work.";
            return null;
        }

        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var lastDay))
        {
            Errors[errorKey] = "Enter the date as year-month-day, for example 2027-03-31.";
            return null;
        }

        var expiresAt = OwnerService.ExpiryFor(lastDay);
        var now = time.GetUtcNow().UtcDateTime;
        if (expiresAt <= now)
        {
            Errors[errorKey] = "Choose today or a later day: a link cannot expire in the past. To stop it now, revoke it.";
            return null;
        }

        if (expiresAt - now > OwnerService.MaxExpiry)
        {
            Errors[errorKey] = "Choose a day within five years, or leave the link without an expiry.";
            return null;
        }

        return expiresAt;
    }
}
