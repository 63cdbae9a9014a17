using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Infrastructure.Redis;
using FineTuneAdvisor.Web.VersionedDocuments;
using Microsoft.Extensions.Options;

namespace FineTuneAdvisor.Web.Pages.Admin.Rules;

/// <summary>Makes a rule set published by another instance active here (<see cref="DocumentRefresh{TDocument, TVersion, TDraft}"/>).</summary>
public sealed partial class RuleSetRefresh(
    RuleSetKind kind, IServiceScopeFactory scopes, ActiveRuleSet active, InstanceSignals signals, TimeProvider time,
    IOptions<RuleSetRefreshOptions> options, ILogger<RuleSetRefresh> logger)
    : DocumentRefresh<RuleSet, RuleSetVersion, RuleSetDraft>(kind, scopes, active, signals, time, options)
{
    protected override void LogAdopted(int version) => LogAdopted(logger, version);

    protected override void LogFailed(Exception exception) => LogFailed(logger, exception);

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Rule set version {Version}, published by another instance, is now active here")]
    private static partial void LogAdopted(ILogger logger, int version);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Looking for a newer published rule set failed; trying again later")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
