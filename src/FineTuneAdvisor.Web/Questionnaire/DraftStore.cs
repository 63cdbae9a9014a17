using System.Text.Json;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Questionnaire;

/// <summary>
/// Keeps answers in progress server-side, found through a random token in an HttpOnly cookie. Nothing is
/// created on GET: a draft starts with the first answer posted.
/// </summary>
public sealed class DraftStore(AdvisorDbContext db, WriteGate writes, TimeProvider time)
{
    public const string CookieName = "advisor-draft";
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(30);

    public async Task<QuestionnaireDraft?> FindAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var token = context.Request.Cookies[CookieName];
        if (!ShareTokens.IsWellFormed(token))
        {
            return null;
        }

        var hash = ShareTokens.Hash(token!);
        return await db.Drafts.FirstOrDefaultAsync(d => d.TokenHash == hash, cancellationToken);
    }

    public static Dictionary<string, string?> AnswersOf(QuestionnaireDraft? draft) =>
        draft is null
            ? new(StringComparer.Ordinal)
            : new(JsonSerializer.Deserialize<Dictionary<string, string?>>(draft.AnswersJson, JsonDefaults.Options) ?? [], StringComparer.Ordinal);

    /// <summary>Merges answers into the visitor's draft, creating it (and its cookie) on first use.</summary>
    public async Task SaveAsync(HttpContext context, QuestionnaireDraft? draft, IReadOnlyDictionary<string, string?> answers, string step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(answers);
        var now = time.GetUtcNow().UtcDateTime;
        var json = JsonSerializer.Serialize(answers, JsonDefaults.Options);
        if (draft is null)
        {
            var (token, hash) = ShareTokens.Create();
            db.Drafts.Add(new QuestionnaireDraft { TokenHash = hash, AnswersJson = json, CurrentStep = step, UpdatedAt = now });
            context.Response.Cookies.Append(CookieName, token, new CookieOptions
            {
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                Path = "/",
                MaxAge = CookieLifetime,
            });
        }
        else
        {
            draft.AnswersJson = json;
            draft.CurrentStep = step;
            draft.UpdatedAt = now;
        }

        await writes.SaveChangesAsync(db, cancellationToken);
    }

    public async Task DeleteAsync(HttpContext context, QuestionnaireDraft? draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (draft is not null)
        {
            db.Drafts.Remove(draft);
            await writes.SaveChangesAsync(db, cancellationToken);
        }

        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
    }
}
