using System.Security.Cryptography;
using System.Text.Json;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Assessments;

/// <summary>A saved assessment as pages and the API read it.</summary>
public sealed record StoredAssessment(
    string PublicId,
    DateTime CreatedAt,
    int RuleSetVersion,
    IReadOnlyDictionary<string, string> Answers,
    AssessmentResult Result,
    string AnswersJson,
    string ResultJson);

/// <summary>Scores answers, stores them with their result, and finds them again by share token.</summary>
public sealed partial class AssessmentService(AdvisorDbContext db, ActiveRuleSet rules, TimeProvider time, ILogger<AssessmentService> logger)
{
    /// <summary>Scores and stores validated answers; returns the new assessment and its share token (shown once, never stored).</summary>
    public async Task<(StoredAssessment Assessment, string ShareToken)> CreateAsync(AnswerSet answers, CancellationToken cancellationToken)
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
            AnswersJson = JsonSerializer.Serialize(answers.OrderBy(a => a.Key, StringComparer.Ordinal).ToDictionary(), JsonDefaults.Options),
            ResultJson = JsonSerializer.Serialize(result, JsonDefaults.Options),
        };

        db.Assessments.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        LogStored(logger, entity.Id, result.Verdict, result.ReadinessScore, ruleSet.Version);
        return (ToStored(entity, answers, result), token);
    }

    /// <summary>One indexed look-up by the token's hash; null for anything unknown or malformed.</summary>
    public async Task<StoredAssessment?> FindByShareTokenAsync(string? token, CancellationToken cancellationToken)
    {
        if (!ShareTokens.IsWellFormed(token))
        {
            return null;
        }

        var hash = ShareTokens.Hash(token!);
        var entity = await db.Assessments.AsNoTracking()
            .Where(a => a.ShareTokenHash == hash)
            .FirstOrDefaultAsync(cancellationToken);

        // The index already matched the hash; the fixed-time check keeps the comparison itself free of timing hints.
        if (entity is null || !CryptographicOperations.FixedTimeEquals(entity.ShareTokenHash, hash))
        {
            return null;
        }

        var answers = JsonSerializer.Deserialize<Dictionary<string, string>>(entity.AnswersJson, JsonDefaults.Options) ?? [];
        var result = JsonSerializer.Deserialize<AssessmentResult>(entity.ResultJson, JsonDefaults.Options)!;
        return ToStored(entity, answers, result);
    }

    private static StoredAssessment ToStored(Assessment entity, IReadOnlyDictionary<string, string> answers, AssessmentResult result) =>
        new(entity.PublicId, entity.CreatedAt, entity.RuleSetVersion, answers, result, entity.AnswersJson, entity.ResultJson);

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "Stored assessment {AssessmentId} with verdict {Verdict}, score {Score}, rule set {RuleSetVersion}")]
    private static partial void LogStored(ILogger logger, int assessmentId, string verdict, int score, int ruleSetVersion);
}
