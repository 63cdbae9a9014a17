using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Pages.Results;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Pages.Manage;

public enum LinkStatus
{
    Active,
    Expired,
    Revoked,
}

/// <summary>A share link as its owner sees it (the token itself is gone: only its hash was stored).</summary>
public sealed record ShareLinkInfo(int Id, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt, LinkStatus Status);

/// <summary>An assessment as its owner sees it at the manage link.</summary>
public sealed record ManagedAssessment(StoredAssessment Assessment, IReadOnlyList<ShareLinkInfo> Links, IReadOnlyList<FamilyMember> Family);

/// <summary>
/// Everything an owner can do, each authorised by the manage token alone: issue, revoke and time-limit share
/// links, write notes, delete. Every change evicts the cached share pages, so it shows at once.
/// </summary>
public sealed class OwnerService(AdvisorDbContext db, WriteGate writes, TimeProvider time, SharePageCache sharePages)
{
    /// <summary>How far ahead an expiry may be set.</summary>
    public static readonly TimeSpan MaxExpiry = TimeSpan.FromDays(5 * 366);

    public async Task<ManagedAssessment?> FindAsync(string? manageToken, CancellationToken cancellationToken)
    {
        var id = await IdOfAsync(manageToken, cancellationToken);
        if (id is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var assessment = await db.Assessments.AsNoTracking().Include(a => a.ShareLinks).FirstAsync(a => a.Id == id, cancellationToken);
        // The same family a share link shows: this assessment and the members still shared.
        var family = await db.Assessments.AsNoTracking()
            .Where(a => a.LineageId == assessment.LineageId
                && (a.Id == assessment.Id || a.ShareLinks.Any(s => s.RevokedAt == null && (s.ExpiresAt == null || s.ExpiresAt > now))))
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .Select(a => new FamilyMember(a.PublicId, a.ParentPublicId, a.CreatedAt, a.Verdict, a.ReadinessScore, a.AnswersJson))
            .ToListAsync(cancellationToken);
        var links = assessment.ShareLinks
            .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .Select(l => new ShareLinkInfo(l.Id, l.CreatedAt, l.ExpiresAt, l.RevokedAt, StatusOf(l, now)))
            .ToList();
        var stored = AssessmentService.ToStored(assessment.PublicId, assessment.CreatedAt, assessment.RuleSetVersion,
            assessment.AnswersJson, assessment.ResultJson, assessment.NotesJson, assessment.DataEvidenceJson);
        return new ManagedAssessment(stored, links, family);
    }

    /// <summary>A new share link (shown once by the caller); null when the manage token opens nothing.</summary>
    public async Task<string?> CreateLinkAsync(string? manageToken, DateTime? expiresAt, CancellationToken cancellationToken)
    {
        var id = await IdOfAsync(manageToken, cancellationToken);
        if (id is null)
        {
            return null;
        }

        var (token, hash) = ShareTokens.Create();
        db.ShareLinks.Add(new ShareLink { AssessmentId = id.Value, TokenHash = hash, CreatedAt = time.GetUtcNow().UtcDateTime, ExpiresAt = expiresAt });
        await db.SaveChangesAsync(cancellationToken);
        // A member that was hidden (no live link) shows again on its family's timelines.
        await EvictSharePagesAsync(cancellationToken);
        return token;
    }

    public Task<bool> RevokeLinkAsync(string? manageToken, int linkId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Revoking twice (a double click) is not an error: the first time stays the time of revocation.
        return UpdateLinkAsync(manageToken, linkId, links => links
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.RevokedAt, l => l.RevokedAt ?? now), cancellationToken), cancellationToken);
    }

    /// <summary>Sets or (with null) clears a live link's expiry. A revoked link stays revoked.</summary>
    public Task<bool> SetExpiryAsync(string? manageToken, int linkId, DateTime? expiresAt, CancellationToken cancellationToken) =>
        UpdateLinkAsync(manageToken, linkId, links => links.Where(l => l.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresAt, expiresAt), cancellationToken), cancellationToken);

    public async Task<bool> SaveNotesAsync(string? manageToken, IReadOnlyDictionary<string, string> notes, CancellationToken cancellationToken)
    {
        var id = await IdOfAsync(manageToken, cancellationToken);
        if (id is null)
        {
            return false;
        }

        var json = AnswerNotes.Serialize(notes);
        await db.Assessments.Where(a => a.Id == id).ExecuteUpdateAsync(set => set.SetProperty(a => a.NotesJson, json), cancellationToken);
        await EvictSharePagesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Deletes the assessment and every link to it. Its revisions stay (they belong to whoever made them) and
    /// simply lose the link to their parent.
    /// </summary>
    public async Task<bool> DeleteAsync(string? manageToken, CancellationToken cancellationToken)
    {
        var id = await IdOfAsync(manageToken, cancellationToken);
        if (id is null)
        {
            return false;
        }

        await writes.RunAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var publicId = await db.Assessments.Where(a => a.Id == id).Select(a => a.PublicId).FirstAsync(ct);
            await db.Assessments.Where(a => a.ParentPublicId == publicId).ExecuteUpdateAsync(set => set.SetProperty(a => a.ParentPublicId, (string?)null), ct);
            await db.ShareLinks.Where(l => l.AssessmentId == id).ExecuteDeleteAsync(ct);
            var deleted = await db.Assessments.Where(a => a.Id == id).ExecuteDeleteAsync(ct);
            await transaction.CommitAsync(ct);
            return deleted;
        }, cancellationToken);
        await EvictSharePagesAsync(cancellationToken);
        return true;
    }

    /// <summary>The expiry a date picked by the owner means: the link works to the end of that day (UTC).</summary>
    public static DateTime ExpiryFor(DateOnly lastDay) => lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public static LinkStatus StatusOf(ShareLink link, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(link);
        return link.RevokedAt is not null ? LinkStatus.Revoked
            : link.ExpiresAt is { } expires && expires <= now ? LinkStatus.Expired
            : LinkStatus.Active;
    }

    private async Task<bool> UpdateLinkAsync(string? manageToken, int linkId, Func<IQueryable<ShareLink>, Task<int>> update, CancellationToken cancellationToken)
    {
        var id = await IdOfAsync(manageToken, cancellationToken);
        if (id is null)
        {
            return false;
        }

        // The link must belong to this assessment: a manage token never reaches another owner's links.
        var changed = await update(db.ShareLinks.Where(l => l.Id == linkId && l.AssessmentId == id));
        await EvictSharePagesAsync(cancellationToken);
        return changed > 0;
    }

    private async Task<int?> IdOfAsync(string? manageToken, CancellationToken cancellationToken)
    {
        if (!ShareTokens.IsWellFormed(manageToken))
        {
            return null;
        }

        var hash = ShareTokens.Hash(manageToken!);
        return await db.Assessments.Where(a => a.ManageTokenHash == hash).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
    }

    // The share page is output-cached; anything it shows (links' state, notes, the family) must show at once.
    private async Task EvictSharePagesAsync(CancellationToken cancellationToken) =>
        await sharePages.EvictAsync(cancellationToken);
}
