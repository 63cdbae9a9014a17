using System.Globalization;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Infrastructure;
using FineTuneAdvisor.Web.Pages.Assess;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FineTuneAdvisor.Web.Pages.Manage;

/// <summary>
/// The owner's page, reached only through the manage link: share links (issue, revoke, expiry), notes on the
/// answers, revisions and deletion. A manage token that opens nothing gets the same 404 as a dead share link.
/// </summary>
[EnableRateLimiting(RateLimitingSetup.SharedLinks)]
public sealed class IndexModel(OwnerService owners, DraftStore drafts, Links links, TimeProvider time) : PageModel
{
    public ManagedAssessment Managed { get; private set; } = null!;
    public string Token { get; private set; } = "";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>A share link issued by the last request, shown this once.</summary>
    [TempData]
    public string? NewShareToken { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public sealed class InputModel
    {
        /// <summary>Notes by question id: <c>Input.Notes[domain]</c>.</summary>
        public Dictionary<string, string?> Notes { get; set; } = new(StringComparer.Ordinal);

        /// <summary>The last day a link works, as a date field posts it (yyyy-MM-dd).</summary>
        public string? ExpiresOn { get; set; }

        /// <summary>The link a row's form acts on; 0 on the form that creates a new link.</summary>
        public int LinkId { get; set; }
    }

    public string? NewShareUrl => NewShareToken is null ? null : links.ShareUrl(NewShareToken);
    public string DeleteUrl => links.Delete(Token);
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>The last day a link may be set to work until (the date field's max): about five years ahead.</summary>
    public DateOnly LatestDay => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime + OwnerService.MaxExpiry).AddDays(-1);

    /// <summary>The questions a note can go with: those shown in the answer list.</summary>
    public static IEnumerable<Question> NotableQuestions => QuestionCatalogue.Questions.Where(q => q.Type != QuestionType.Text);

    public static string NoteName(string questionId) => $"{nameof(Input)}.{nameof(InputModel.Notes)}[{questionId}]";

    public const string ExpiresOnName = $"{nameof(Input)}.{nameof(InputModel.ExpiresOn)}";

    /// <summary>The id of the expiry field a form posts: one per link row, and the new-link form's.</summary>
    public static string ExpiryFieldId(int linkId) => linkId == 0 ? "expires-new" : $"expires-{linkId}";

    /// <summary>Where the error summary links: a note's field, or the expiry field of the form that was posted.</summary>
    public string? SummaryFieldId(string key) =>
        key == ExpiresOnName ? ExpiryFieldId(Input.LinkId)
        : NotableQuestions.FirstOrDefault(q => NoteName(q.Id) == key) is { } question ? $"notes-{question.Id}"
        : null;

    public Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) => ShowAsync(token, cancellationToken);

    public async Task<IActionResult> OnPostNewLinkAsync(string token, CancellationToken cancellationToken)
    {
        Input.LinkId = 0;
        DateTime? expiresAt = null;
        if (!string.IsNullOrWhiteSpace(Input.ExpiresOn) && (expiresAt = ParseExpiry(Input.ExpiresOn)) is null)
        {
            return await ShowAsync(token, cancellationToken);
        }

        var created = await owners.CreateLinkAsync(token, expiresAt, cancellationToken);
        if (created is null)
        {
            return NotFound();
        }

        NewShareToken = created;
        StatusMessage = "A new share link was created. Copy it now: it is shown only this once.";
        return RedirectToPage(new { token });
    }

    public async Task<IActionResult> OnPostRevokeAsync(string token, CancellationToken cancellationToken)
    {
        if (!await owners.RevokeLinkAsync(token, Input.LinkId, cancellationToken))
        {
            return NotFound();
        }

        StatusMessage = "The share link was revoked. Anyone opening it now sees that it is no longer shared.";
        return RedirectToPage(new { token });
    }

    public async Task<IActionResult> OnPostSetExpiryAsync(string token, CancellationToken cancellationToken)
    {
        var expiresAt = ParseExpiry(Input.ExpiresOn);
        if (expiresAt is null)
        {
            return await ShowAsync(token, cancellationToken);
        }

        if (!await owners.SetExpiryAsync(token, Input.LinkId, expiresAt, cancellationToken))
        {
            return NotFound();
        }

        StatusMessage = $"The share link now works until the end of {Input.ExpiresOn} (UTC).";
        return RedirectToPage(new { token });
    }

    public async Task<IActionResult> OnPostClearExpiryAsync(string token, CancellationToken cancellationToken)
    {
        if (!await owners.SetExpiryAsync(token, Input.LinkId, null, cancellationToken))
        {
            return NotFound();
        }

        StatusMessage = "The share link no longer expires.";
        return RedirectToPage(new { token });
    }

    public async Task<IActionResult> OnPostSaveNotesAsync(string token, CancellationToken cancellationToken)
    {
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var question in NotableQuestions)
        {
            var note = Input.Notes.GetValueOrDefault(question.Id)?.Trim() ?? "";
            if (note.Length > AnswerNotes.MaxLength)
            {
                ModelState.AddModelError(NoteName(question.Id), $"Keep the note to {AnswerNotes.MaxLength} characters or fewer (it has {note.Length}).");
            }
            else if (note.Length > 0 && PlainText.IsBlank(note))
            {
                ModelState.AddModelError(NoteName(question.Id), "This note has only invisible characters: write the note, or leave the field empty to remove it.");
            }
            else if (PlainText.Problem(note) is { } problem)
            {
                ModelState.AddModelError(NoteName(question.Id), problem);
            }

            notes[question.Id] = note;
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(token, cancellationToken, keepTypedNotes: true);
        }

        if (!await owners.SaveNotesAsync(token, notes, cancellationToken))
        {
            return NotFound();
        }

        StatusMessage = "Notes saved. They show beside the answers on the shared page.";
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
        return RedirectToPage("/Assess/Index", new { step = QuestionnaireSteps.First.Id });
    }

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
            Input.Notes = managed.Assessment.Notes.ToDictionary(n => n.Key, n => (string?)n.Value, StringComparer.Ordinal);
        }

        return Page();
    }

    /// <summary>The last day a link works, as picked in a date field: from today to five years ahead.</summary>
    private DateTime? ParseExpiry(string? value)
    {
        var problem = ExpiryProblem(value, out var expiresAt);
        if (problem is not null)
        {
            ModelState.AddModelError(ExpiresOnName, problem);
        }

        return expiresAt;
    }

    private string? ExpiryProblem(string? value, out DateTime? expiresAt)
    {
        expiresAt = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return "Choose the last day the link should work.";
        }

        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var lastDay))
        {
            return "Enter the date as year-month-day, for example 2027-03-31.";
        }

        var now = time.GetUtcNow().UtcDateTime;
        // Far-off days (9999-12-31) are refused before the day after them is computed: that would overflow.
        if (lastDay.DayNumber - DateOnly.FromDateTime(now).DayNumber > OwnerService.MaxExpiry.TotalDays)
        {
            return "Choose a day within five years, or leave the link without an expiry.";
        }

        var expiry = OwnerService.ExpiryFor(lastDay);
        if (expiry <= now)
        {
            return "Choose today or a later day: a link cannot expire in the past. To stop it now, revoke it.";
        }

        if (expiry - now > OwnerService.MaxExpiry)
        {
            return "Choose a day within five years, or leave the link without an expiry.";
        }

        expiresAt = expiry;
        return null;
    }
}
