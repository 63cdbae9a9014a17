using System.Text.Json;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Datasets;
using FineTuneAdvisor.Web.Pages.Results;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Assessments;

/// <summary>The columns a read needs, fetched in one projected query.</summary>
public sealed record AssessmentRow(string PublicId, DateTime CreatedAt, int RuleSetVersion, string AnswersJson, string ResultJson)
{
    /// <summary>The measured sample's aggregates as stored (null when the data answers were not measured).</summary>
    public string? DataEvidenceJson { get; init; }

    /// <summary>The link it was read through has an expiry: what it answers will change with the clock alone.</summary>
    public bool CanLapse { get; init; }
}

/// <summary>A saved assessment as pages and the API read it.</summary>
public sealed record StoredAssessment(
    string PublicId,
    DateTime CreatedAt,
    int RuleSetVersion,
    IReadOnlyDictionary<string, string> Answers,
    AssessmentResult Result)
{
    public IReadOnlyDictionary<string, string> Notes { get; init; } = new Dictionary<string, string>();

    /// <summary>What the data answers were measured from, when a sample was measured; null otherwise.</summary>
    public DataEvidence? DataEvidence { get; init; }
}

/// <summary>What creating an assessment hands back once: both secrets, never stored.</summary>
public sealed record CreatedAssessment(AssessmentRow Row, string ShareToken, string ManageToken);

/// <summary>Scores answers, stores them with their result, and finds them again by share link.</summary>
public sealed partial class AssessmentService(
    AdvisorDbContext db, ActiveRuleSet rules, TimeProvider time, SharePageCache sharePages, AssessmentWriter writer, ILogger<AssessmentService> logger)
{
    /// <summary>
    /// Scores and stores validated answers with a first share link and a manage token. A revision names the
    /// assessment it revises; it joins that assessment's family, or starts its own if the parent is gone. The data
    /// evidence, when the draft carries one, is stored beside the answers as it is (aggregates only).
    /// </summary>
    public async Task<CreatedAssessment> CreateAsync(AnswerSet answers, string? parentPublicId, CancellationToken cancellationToken, DataEvidence? dataEvidence = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var ruleSet = rules.Current;
        var result = RulesEngine.Evaluate(answers, ruleSet);
        var (shareToken, shareHash) = ShareTokens.Create();
        var (manageToken, manageHash) = ShareTokens.Create();
        // As the database keeps it (to the microsecond), so the answer now and every later read say the same time.
        var now = UtcTimestampConverter.ToStored(time.GetUtcNow().UtcDateTime);
        var publicId = ShareTokens.CreatePublicId();

        var lineage = parentPublicId is null
            ? null
            : await db.Assessments.Where(a => a.PublicId == parentPublicId).Select(a => a.LineageId).FirstOrDefaultAsync(cancellationToken);
        var entity = new Assessment
        {
            PublicId = publicId,
            ManageTokenHash = manageHash,
            ParentPublicId = lineage is null ? null : parentPublicId,
            LineageId = lineage ?? publicId,
            CreatedAt = now,
            RuleSetVersion = ruleSet.Version,
            Verdict = result.Verdict.Code(),
            ReadinessScore = result.ReadinessScore,
            AnswersJson = AnswersJson.Serialize(answers),
            ResultJson = JsonSerializer.Serialize(result, JsonDefaults.Options),
            DataEvidenceJson = dataEvidence?.ToJson(),
        };
        entity.ShareLinks.Add(new ShareLink { TokenHash = shareHash, CreatedAt = now });

        // Committed together with the creations that arrive at the same time (group commit).
        await writer.InsertAsync(entity, cancellationToken);
        LogStored(logger, entity.Id, entity.Verdict, result.ReadinessScore, ruleSet.Version);
        if (entity.ParentPublicId is not null)
        {
            // The family's pages show the new revision on their timeline.
            await sharePages.EvictAsync(cancellationToken);
        }

        var row = new AssessmentRow(entity.PublicId, entity.CreatedAt, entity.RuleSetVersion, entity.AnswersJson, entity.ResultJson)
        {
            DataEvidenceJson = entity.DataEvidenceJson,
        };
        return new(row, shareToken, manageToken);
    }

    /// <summary>One indexed look-up by the token's hash; null for anything unknown, malformed, revoked or expired.</summary>
    public async Task<StoredAssessment?> FindByShareTokenAsync(string? token, CancellationToken cancellationToken)
    {
        var row = await FindRowAsync(token, cancellationToken);
        return row is null ? null : ToStored(row.PublicId, row.CreatedAt, row.RuleSetVersion, row.AnswersJson, row.ResultJson, null, row.DataEvidenceJson);
    }

    /// <summary>Whether the token opens a live link (not revoked, not expired): one indexed look-up of its hash.</summary>
    public Task<bool> IsLiveLinkAsync(string? token, CancellationToken cancellationToken) =>
        ShareTokens.IsWellFormed(token)
            ? IsLiveLinkAsync(ShareTokens.Hash(token!), time.GetUtcNow().UtcDateTime, cancellationToken)
            : Task.FromResult(false);

    /// <summary>On SQLite a plain command (<see cref="SqliteLiveLinkCheck"/>): every guessed link asks this.</summary>
    private Task<bool> IsLiveLinkAsync(byte[] hash, DateTime now, CancellationToken cancellationToken) =>
        SqliteLiveLinkCheck.For(db) is { } sqlite
            ? sqlite.IsLiveAsync(db.Database.GetConnectionString()!, hash, now, cancellationToken)
            : LinkIsLive.For(db)(db, hash, now, cancellationToken);

    /// <summary>The stored row as it is, for readers that hand the stored JSON out without parsing it.</summary>
    public async Task<AssessmentRow?> FindRowAsync(string? token, CancellationToken cancellationToken)
    {
        if (!ShareTokens.IsWellFormed(token))
        {
            return null;
        }

        return await RowByLink.For(db)(db, ShareTokens.Hash(token!), time.GetUtcNow().UtcDateTime, cancellationToken);
    }

    /// <summary>
    /// What a share link shows: the assessment it opens (or, with <paramref name="publicId"/>, another member of its
    /// revision family) and the family for the timeline, in one query. A link opens its family's history, which is
    /// how a team follows a pilot from one revision to the next, but only the members that are still shared: revoking
    /// every link of an assessment hides it from the whole family, revisions included. A simple indexed look-up of
    /// the link comes first: most reads of a live link are served from the output cache before they get here, while a
    /// guessed or revoked one always gets here, and SQLite plans the family query afresh each time at several times
    /// the cost of the look-up (measured: the family query's preparation was a fifth of a 404's CPU).
    /// </summary>
    /// <remarks>
    /// <paramref name="linkKnownLive"/> skips the look-up when the caller made it already (<c>ShareLinkGate</c>); the
    /// family query checks the link again, so a link revoked in between still finds nothing.
    /// </remarks>
    public async Task<SharedView?> FindSharedAsync(string? token, string? publicId, CancellationToken cancellationToken, bool linkKnownLive = false)
    {
        if (!ShareTokens.IsWellFormed(token))
        {
            return null;
        }

        var hash = ShareTokens.Hash(token!);
        var now = time.GetUtcNow().UtcDateTime;
        if (!linkKnownLive && !await IsLiveLinkAsync(hash, now, cancellationToken))
        {
            return null;
        }

        var rows = new List<FamilyRow>();
        await foreach (var row in FamilyByLink.For(db)(db, hash, now, publicId).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        var shown = rows.FirstOrDefault(r => r.ResultJson is not null);
        if (shown is null)
        {
            return null;
        }

        var member = shown.Member;
        var stored = ToStored(member.PublicId, member.CreatedAt, shown.RuleSetVersion, member.AnswersJson, shown.ResultJson!, shown.NotesJson, shown.DataEvidenceJson);
        // What this page shows changes on its own when the link or a member's last live link reaches its expiry.
        var canLapse = shown.ExpiresAt is not null || rows.Any(r => r.Member.PublicId != shown.LinkedPublicId && !r.SharedWithoutExpiry);
        return new SharedView(stored, shown.LinkedPublicId, shown.ExpiresAt, shown.ManageTokenHash, [.. rows.Select(r => r.Member)])
        {
            CanLapse = canLapse,
        };
    }

    internal static StoredAssessment ToStored(string publicId, DateTime createdAt, int ruleSetVersion, string answersJson, string resultJson, string? notesJson,
        string? dataEvidenceJson = null)
    {
        var result = JsonSerializer.Deserialize<AssessmentResult>(resultJson, JsonDefaults.Options)!;
        return new(publicId, createdAt, ruleSetVersion, AnswersJson.Deserialize(answersJson), result)
        {
            Notes = AnswerNotes.Deserialize(notesJson),
            DataEvidence = DataEvidence.FromJson(dataEvidenceJson),
        };
    }

    /// <summary>
    /// Compiled once (per provider): the live link by hash, joined to the members of its family that are shared (the linked one,
    /// and any other with a live link of its own), oldest first. Only the shown member's result and notes are
    /// fetched; the others need answers and scores for the timeline.
    /// </summary>
    private static readonly CompiledPerContext<Func<AdvisorDbContext, byte[], DateTime, string?, IAsyncEnumerable<FamilyRow>>> FamilyByLink = new(() =>
        EF.CompileAsyncQuery((AdvisorDbContext db, byte[] hash, DateTime now, string? publicId) =>
            from l in db.ShareLinks
            where l.TokenHash == hash && l.RevokedAt == null && (l.ExpiresAt == null || l.ExpiresAt > now)
            from a in db.Assessments
            where a.LineageId == l.Assessment.LineageId
                && (a.Id == l.AssessmentId || a.ShareLinks.Any(s => s.RevokedAt == null && (s.ExpiresAt == null || s.ExpiresAt > now)))
            orderby a.CreatedAt, a.Id
            let isShown = publicId == null ? a.Id == l.AssessmentId : a.PublicId == publicId
            select new FamilyRow(
                l.ExpiresAt,
                l.Assessment.PublicId,
                new FamilyMember(a.PublicId, a.ParentPublicId, a.CreatedAt, a.Verdict, a.ReadinessScore, a.AnswersJson),
                a.RuleSetVersion,
                a.ManageTokenHash,
                a.ShareLinks.Any(s => s.RevokedAt == null && s.ExpiresAt == null),
                isShown ? a.ResultJson : null,
                isShown ? a.NotesJson : null,
                isShown ? a.DataEvidenceJson : null)));

    private sealed record FamilyRow(
        DateTime? ExpiresAt, string LinkedPublicId, FamilyMember Member, int RuleSetVersion, byte[] ManageTokenHash,
        bool SharedWithoutExpiry, string? ResultJson, string? NotesJson, string? DataEvidenceJson);

    private static readonly CompiledPerContext<Func<AdvisorDbContext, byte[], DateTime, CancellationToken, Task<bool>>> LinkIsLive = new(() =>
        EF.CompileAsyncQuery((AdvisorDbContext db, byte[] hash, DateTime now, CancellationToken _) => db.ShareLinks
            .Any(l => l.TokenHash == hash && l.RevokedAt == null && (l.ExpiresAt == null || l.ExpiresAt > now))));

    private static readonly CompiledPerContext<Func<AdvisorDbContext, byte[], DateTime, CancellationToken, Task<AssessmentRow?>>> RowByLink = new(() =>
        EF.CompileAsyncQuery((AdvisorDbContext db, byte[] hash, DateTime now, CancellationToken _) => db.ShareLinks
            .Where(l => l.TokenHash == hash && l.RevokedAt == null && (l.ExpiresAt == null || l.ExpiresAt > now))
            .Select(l => new AssessmentRow(l.Assessment.PublicId, l.Assessment.CreatedAt, l.Assessment.RuleSetVersion,
                l.Assessment.AnswersJson, l.Assessment.ResultJson) { DataEvidenceJson = l.Assessment.DataEvidenceJson, CanLapse = l.ExpiresAt != null })
            .FirstOrDefault()));

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "Stored assessment {AssessmentId} with verdict {Verdict}, score {Score}, rule set {RuleSetVersion}")]
    private static partial void LogStored(ILogger logger, int assessmentId, string verdict, int score, int ruleSetVersion);
}

/// <summary>One member of a revision family, as the timeline needs it.</summary>
public sealed record FamilyMember(string PublicId, string? ParentPublicId, DateTime CreatedAt, string Verdict, int ReadinessScore, string AnswersJson);

/// <summary>
/// What a share link shows: the assessment, which family member the link itself opens, when the link expires,
/// the owner's manage-token hash (to recognise the owner's browser) and the family members still shared, in date order.
/// </summary>
public sealed record SharedView(
    StoredAssessment Assessment,
    string LinkedPublicId,
    DateTime? LinkExpiresAt,
    byte[] ManageTokenHash,
    IReadOnlyList<FamilyMember> Family)
{
    public bool IsLinkedAssessment => Assessment.PublicId == LinkedPublicId;

    /// <summary>True when an expiry (of this link or of another member's links) will change what the page shows.</summary>
    public bool CanLapse { get; init; }
}
