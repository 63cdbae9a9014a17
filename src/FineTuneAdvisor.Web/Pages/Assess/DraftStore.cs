using System.Text.Json;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FineTuneAdvisor.Web.Pages.Assess;

/// <summary>How long an untouched draft (and its resume link) lives; from the "Drafts" section.</summary>
public sealed class DraftOptions
{
    public int LifetimeDays { get; set; } = 30;
}

/// <summary>
/// Keeps answers in progress server-side, found through a random token in an HttpOnly cookie. Nothing is
/// created on GET: a draft starts with the first answer posted.
/// </summary>
public sealed class DraftStore(AdvisorDbContext db, TimeProvider time, IOptions<DraftOptions> options)
{
    public const string CookieName = "advisor-draft";
    public const int MaxStoredLength = 4 * AnswerCheck.MaxTextLength;

    private TimeSpan Lifetime => TimeSpan.FromDays(options.Value.LifetimeDays);

    /// <summary>The visitor's draft, from their cookie; null when they have none or it has expired.</summary>
    public Task<QuestionnaireDraft?> FindAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return FindByTokenAsync(context.Request.Cookies[CookieName], cancellationToken);
    }

    /// <summary>The visitor's draft token, to show as a resume link. Only ever read from their own cookie.</summary>
    public static string? TokenOf(HttpContext context) =>
        context?.Request.Cookies[CookieName] is { } token && ShareTokens.IsWellFormed(token) ? token : null;

    public async Task<QuestionnaireDraft?> FindByTokenAsync(string? token, CancellationToken cancellationToken)
    {
        if (!ShareTokens.IsWellFormed(token))
        {
            return null;
        }

        var hash = ShareTokens.Hash(token!);
        var notBefore = time.GetUtcNow().UtcDateTime - Lifetime;
        return await db.Drafts.FirstOrDefaultAsync(d => d.TokenHash == hash && d.UpdatedAt >= notBefore, cancellationToken);
    }

    /// <summary>Binds this browser to the draft behind a resume link.</summary>
    public void Adopt(HttpContext context, string token)
    {
        ArgumentNullException.ThrowIfNull(context);
        AppendCookie(context, token);
    }

    /// <summary>Deletes drafts untouched for longer than the lifetime; returns how many.</summary>
    public Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var notBefore = time.GetUtcNow().UtcDateTime - Lifetime;
        return db.Drafts.Where(d => d.UpdatedAt < notBefore).ExecuteDeleteAsync(cancellationToken);
    }

    private void AppendCookie(HttpContext context, string token) =>
        context.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = Lifetime,
        });

    /// <summary>The draft's answers, keeping only ids the questionnaire still asks (a draft may outlive a release).</summary>
    public static Dictionary<string, string?> AnswersOf(QuestionnaireDraft? draft)
    {
        var answers = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (draft is null)
        {
            return answers;
        }

        foreach (var (id, value) in JsonSerializer.Deserialize<Dictionary<string, string?>>(draft.AnswersJson, JsonDefaults.Options) ?? [])
        {
            if (QuestionCatalogue.Find(id) is not null)
            {
                answers[id] = value;
            }
        }

        return answers;
    }

    /// <summary>
    /// Merges answers into the visitor's draft, creating it (and its cookie) on first use. Values are kept as
    /// typed but never beyond <see cref="MaxStoredLength"/>: validation reports anything long long before that.
    /// </summary>
    public async Task SaveAsync(HttpContext context, QuestionnaireDraft? draft, IReadOnlyDictionary<string, string?> answers, string step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(answers);
        var now = time.GetUtcNow().UtcDateTime;
        var capped = answers.ToDictionary(a => a.Key, a => a.Value is { Length: > MaxStoredLength } v ? v[..MaxStoredLength] : a.Value, StringComparer.Ordinal);
        var json = JsonSerializer.Serialize(capped, JsonDefaults.Options);

        // Another tab may have submitted or cleared this draft meanwhile: then this save starts a new one.
        if (draft is not null && await db.Drafts.Where(d => d.Id == draft.Id).ExecuteUpdateAsync(set => set
                .SetProperty(d => d.AnswersJson, json)
                .SetProperty(d => d.CurrentStep, step)
                .SetProperty(d => d.UpdatedAt, now), cancellationToken) == 1)
        {
            return;
        }

        var (token, hash) = ShareTokens.Create();
        db.Drafts.Add(new QuestionnaireDraft { TokenHash = hash, AnswersJson = json, CurrentStep = step, UpdatedAt = now });
        AppendCookie(context, token);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Starts a revision: a new draft pre-filled with the answers of the assessment it revises, which becomes
    /// this browser's draft. Any other draft stays reachable at its resume link.
    /// </summary>
    public async Task StartRevisionAsync(HttpContext context, IReadOnlyDictionary<string, string> answers, string parentPublicId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(answers);
        var (token, hash) = ShareTokens.Create();
        db.Drafts.Add(new QuestionnaireDraft
        {
            TokenHash = hash,
            AnswersJson = JsonSerializer.Serialize(answers, JsonDefaults.Options),
            CurrentStep = QuestionCatalogue.Sections[0].Id,
            UpdatedAt = time.GetUtcNow().UtcDateTime,
            ParentPublicId = parentPublicId,
        });
        AppendCookie(context, token);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Deletes the draft (if it is still there: a double submit must not fail) and forgets the cookie.</summary>
    public async Task DeleteAsync(HttpContext context, QuestionnaireDraft? draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (draft is not null)
        {
            await db.Drafts.Where(d => d.Id == draft.Id).ExecuteDeleteAsync(cancellationToken);
        }

        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
    }
}
