using System.Security.Cryptography;
using System.Text.Json;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Assessments;

/// <summary>The columns a read needs, fetched in one projected query.</summary>
public sealed record AssessmentRow(byte[] ShareTokenHash, string PublicId, DateTime CreatedAt, int RuleSetVersion, string AnswersJson, string ResultJson);

/// <summary>A saved assessment as pages and the API read it.</summary>
public sealed record StoredAssessment(
    string PublicId,
    DateTime CreatedAt,
    int RuleSetVersion,
    IReadOnlyDictionary<string, string> Answers,
    AssessmentResult Result);

/// <summary>Scores answers, stores them with their result, and finds them again by share token.</summary>
public sealed partial class AssessmentService(AdvisorDbContext db, WriteGate writes, ActiveRuleSet rules, TimeProvider time, ILogger<AssessmentService> logger)
{
    /// <summary>Scores and stores validated answers; returns the stored row and its share token (shown once, never stored).</summary>
    public async Task<(AssessmentRow Row, string ShareToken)> CreateAsync(AnswerSet answers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var ruleSet = rules.Current;
        var result = RulesEngine.Evaluate(answers, ruleSet);
        var (token, hash) = ShareTokens.Create();
        var entity = new Assessment
        {
            PublicId = ShareTokens.CreatePublicId(),
            ShareTokenHash = hash,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            RuleSetVersion = ruleSet.Version,
            Verdict = result.Verdict,
            ReadinessScore = result.ReadinessScore,
            AnswersJson = AnswersJson.Serialize(answers),
            ResultJson = JsonSerializer.Serialize(result, JsonDefaults.Options),
        };

        db.Assessments.Add(entity);
        await writes.SaveChangesAsync(db, cancellationToken);
        LogStored(logger, entity.Id, result.Verdict, result.ReadinessScore, ruleSet.Version);
        return (new AssessmentRow(hash, entity.PublicId, entity.CreatedAt, entity.RuleSetVersion, entity.AnswersJson, entity.ResultJson), token);
    }

    /// <summary>One indexed look-up by the token's hash; null for anything unknown or malformed.</summary>
    public async Task<StoredAssessment?> FindByShareTokenAsync(string? token, CancellationToken cancellationToken)
    {
        var row = await FindRowAsync(token, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var result = JsonSerializer.Deserialize<AssessmentResult>(row.ResultJson, JsonDefaults.Options)!;
        return new(row.PublicId, row.CreatedAt, row.RuleSetVersion, AnswersJson.Deserialize(row.AnswersJson), result);
    }

    /// <summary>The stored row as it is, for readers that hand the stored JSON out without parsing it.</summary>
    public async Task<AssessmentRow?> FindRowAsync(string? token, CancellationToken cancellationToken)
    {
        if (!ShareTokens.IsWellFormed(token))
        {
            return null;
        }

        var hash = ShareTokens.Hash(token!);
        var row = await RowByHash(db, hash, cancellationToken);

        // The index already matched the hash; the fixed-time check keeps the comparison itself free of timing hints.
        return row is not null && CryptographicOperations.FixedTimeEquals(row.ShareTokenHash, hash) ? row : null;
    }

    private static readonly Func<AdvisorDbContext, byte[], CancellationToken, Task<AssessmentRow?>> RowByHash =
        EF.CompileAsyncQuery((AdvisorDbContext db, byte[] hash, CancellationToken _) => db.Assessments
            .Where(a => a.ShareTokenHash == hash)
            .Select(a => new AssessmentRow(a.ShareTokenHash, a.PublicId, a.CreatedAt, a.RuleSetVersion, a.AnswersJson, a.ResultJson))
            .FirstOrDefault());

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "Stored assessment {AssessmentId} with verdict {Verdict}, score {Score}, rule set {RuleSetVersion}")]
    private static partial void LogStored(ILogger logger, int assessmentId, string verdict, int score, int ruleSetVersion);
}
