using System.Linq.Expressions;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Pages.Manage;

/// <summary>One row of "Your assessments": what the owner needs to recognise it and the way to its manage page.</summary>
public sealed record OwnedAssessment(string ManageToken, string UseCase, string Verdict, int ReadinessScore, DateTime CreatedAt, int ActiveShareLinks, bool IsRevision);

/// <summary>
/// The assessments this browser created, read from the manage tokens in its owner cookie (<see cref="OwnerCookie"/>)
/// with one query. Deleted assessments simply do not come back.
/// </summary>
public sealed class YourAssessments(AdvisorDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<OwnedAssessment>> ListAsync(IReadOnlyList<string> manageTokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manageTokens);
        if (manageTokens.Count == 0)
        {
            return [];
        }

        var tokenByHash = manageTokens.Distinct(StringComparer.Ordinal).ToDictionary(t => Convert.ToHexString(ShareTokens.Hash(t)), StringComparer.Ordinal);
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await db.Assessments.AsNoTracking()
            .Where(AnyHash(tokenByHash.Keys.Select(Convert.FromHexString)))
            .Select(a => new
            {
                a.ManageTokenHash, a.AnswersJson, a.Verdict, a.ReadinessScore, a.CreatedAt, a.ParentPublicId,
                ActiveLinks = a.ShareLinks.Count(s => s.RevokedAt == null && (s.ExpiresAt == null || s.ExpiresAt > now)),
            })
            .ToListAsync(cancellationToken);
        return [.. rows
            .Select(r => new OwnedAssessment(tokenByHash[Convert.ToHexString(r.ManageTokenHash)], UseCaseOf(r.AnswersJson), r.Verdict,
                r.ReadinessScore, r.CreatedAt, r.ActiveLinks, r.ParentPublicId is not null))
            .OrderByDescending(o => o.CreatedAt)];
    }

    /// <summary>
    /// <c>a.ManageTokenHash == h1 || a.ManageTokenHash == h2 …</c>, each hash a parameter: a list of byte arrays in
    /// <c>Contains</c> is not translated the same way by SQLite and PostgreSQL, an equality is (the cookie holds at most 20).
    /// </summary>
    private static Expression<Func<Assessment, bool>> AnyHash(IEnumerable<byte[]> hashes)
    {
        var row = Expression.Parameter(typeof(Assessment), "a");
        var column = Expression.Property(row, nameof(Assessment.ManageTokenHash));
        Expression body = Expression.Constant(false);
        foreach (var hash in hashes)
        {
            // A closure field, not a constant, so EF sends the hash as a parameter.
            Expression<Func<byte[]>> value = () => hash;
            body = Expression.OrElse(body, Expression.Equal(column, value.Body));
        }

        return Expression.Lambda<Func<Assessment, bool>>(body, row);
    }

    private static string UseCaseOf(string answersJson)
    {
        var answers = AnswersJson.Deserialize(answersJson);
        return answers.GetValueOrDefault("use_case_summary") is { Length: > 0 } summary ? summary : "(no summary)";
    }
}
