using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FineTuneAdvisor.Web.Pages.Assess;

/// <summary>How long an untouched draft (and its resume link) lives, and how many may exist; from the "Drafts" section.</summary>
public sealed class DraftOptions
{
    public int LifetimeDays { get; set; } = 30;

    /// <summary>Drafts one client address may hold; its oldest go first (unsaved before saved for later).</summary>
    public int MaxPerClient { get; set; } = 50;

    /// <summary>Drafts in all; the oldest unsaved drafts go first, then the oldest saved for later.</summary>
    public int MaxTotal { get; set; } = 20_000;
}

/// <summary>The per-process key that turns a client address into <see cref="QuestionnaireDraft.ClientHash"/>.</summary>
public sealed class DraftClients
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public byte[] HashOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(RateLimitingSetup.ClientKey(context.Connection.RemoteIpAddress)));
    }
}

/// <summary>
/// Keeps answers in progress server-side, found through a random token in an HttpOnly cookie. Nothing is
/// created on GET: a draft starts with the first answer posted.
/// </summary>
public sealed class DraftStore(AdvisorDbContext db, TimeProvider time, IOptions<DraftOptions> options, DraftClients clients, WriteGate gate)
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

    /// <summary>
    /// What a visitor is told when their cookie names a draft that is no longer stored (expired, or evicted by the caps),
    /// so earlier answers never vanish without a word.
    /// </summary>
    public string GoneMessage =>
        $"Your earlier answers are no longer stored: unfinished answers are removed after {options.Value.LifetimeDays} days untouched, " +
        "or sooner when a great many are started from one address. Anything you typed on this page is kept; please check the other steps.";

    /// <summary>True when the visitor's cookie names a draft that <see cref="FindAsync"/> did not find.</summary>
    public static bool IsGone(HttpContext context, QuestionnaireDraft? found) => found is null && TokenOf(context) is not null;

    /// <summary>Forgets the cookie of a draft that is gone, so the notice is shown once.</summary>
    public static void Forget(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
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
    /// <paramref name="dataEvidenceJson"/>, when given, replaces the draft's data evidence (a new sample was measured).
    /// </summary>
    public async Task SaveAsync(HttpContext context, QuestionnaireDraft? draft, IReadOnlyDictionary<string, string?> answers, string step,
        CancellationToken cancellationToken, bool savedForLater = false, string? dataEvidenceJson = null)
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
                .SetProperty(d => d.SavedForLater, d => d.SavedForLater || savedForLater)
                .SetProperty(d => d.DataEvidenceJson, d => dataEvidenceJson ?? d.DataEvidenceJson)
                .SetProperty(d => d.UpdatedAt, now), cancellationToken) == 1)
        {
            return;
        }

        var (token, hash) = ShareTokens.Create();
        await AddWithinCapsAsync(context, new QuestionnaireDraft
        {
            TokenHash = hash, AnswersJson = json, CurrentStep = step, UpdatedAt = now, SavedForLater = savedForLater,
            DataEvidenceJson = dataEvidenceJson,
        }, cancellationToken);
        AppendCookie(context, token);
    }

    /// <summary>
    /// Adds a new draft, first evicting what the caps require: this client's oldest beyond
    /// <see cref="DraftOptions.MaxPerClient"/>, then the oldest of all beyond <see cref="DraftOptions.MaxTotal"/>, unsaved
    /// drafts before those saved for later. Inside the write gate, so two new drafts cannot both see room for one.
    /// </summary>
    private async Task AddWithinCapsAsync(HttpContext context, QuestionnaireDraft draft, CancellationToken cancellationToken)
    {
        var client = clients.HashOf(context);
        draft.ClientHash = client;
        await gate.RunAsync(async ct =>
        {
            await EvictBeyondAsync(db.Drafts.Where(d => d.ClientHash == client), options.Value.MaxPerClient, ct);
            await EvictBeyondAsync(db.Drafts, options.Value.MaxTotal, ct);
            db.Drafts.Add(draft);
            return await db.SaveChangesAsync(ct);
        }, cancellationToken);
    }

    /// <summary>Deletes the oldest of <paramref name="drafts"/> so that one more fits under <paramref name="cap"/>.</summary>
    private static async Task EvictBeyondAsync(IQueryable<QuestionnaireDraft> drafts, int cap, CancellationToken cancellationToken)
    {
        var excess = await drafts.CountAsync(cancellationToken) - (Math.Max(1, cap) - 1);
        if (excess <= 0)
        {
            return;
        }

        var oldest = drafts.OrderBy(d => d.SavedForLater).ThenBy(d => d.UpdatedAt).ThenBy(d => d.Id).Take(excess).Select(d => d.Id);
        await drafts.Where(d => oldest.Contains(d.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Starts a revision: a new draft pre-filled with the answers of the assessment it revises, which becomes
    /// this browser's draft. Any other draft stays reachable at its resume link. The data evidence goes with the
    /// answers, until a new sample is measured.
    /// </summary>
    public async Task StartRevisionAsync(HttpContext context, IReadOnlyDictionary<string, string> answers, string parentPublicId, CancellationToken cancellationToken,
        string? dataEvidenceJson = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(answers);
        var (token, hash) = ShareTokens.Create();
        await AddWithinCapsAsync(context, new QuestionnaireDraft
        {
            TokenHash = hash,
            AnswersJson = JsonSerializer.Serialize(answers, JsonDefaults.Options),
            CurrentStep = QuestionnaireSteps.First.Id,
            UpdatedAt = time.GetUtcNow().UtcDateTime,
            ParentPublicId = parentPublicId,
            DataEvidenceJson = dataEvidenceJson,
        }, cancellationToken);
        AppendCookie(context, token);
    }

    /// <summary>Deletes the draft (if it is still there: a double submit must not fail) and forgets the cookie.</summary>
    public async Task DeleteAsync(HttpContext context, QuestionnaireDraft? draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (draft is not null)
        {
            await db.Drafts.Where(d => d.Id == draft.Id).ExecuteDeleteAsync(cancellationToken);
        }

        Forget(context);
    }
}
