using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Costs;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Infrastructure.Redis;
using FineTuneAdvisor.Web.VersionedDocuments;
using Microsoft.Extensions.Options;

namespace FineTuneAdvisor.Web.Pages.Admin.Catalogue;

/// <summary>
/// Makes a catalogue published by another instance active here (<see cref="DocumentRefresh{TDocument, TVersion, TDraft}"/>):
/// at once with Redis, else within <c>RuleSets:RefreshSeconds</c> (the same setting as the rule sets').
/// </summary>
public sealed partial class CatalogueRefresh(
    CatalogueKind kind, IServiceScopeFactory scopes, ActiveCatalogue active, InstanceSignals signals, TimeProvider time,
    IOptions<RuleSetRefreshOptions> options, ILogger<CatalogueRefresh> logger)
    : DocumentRefresh<ProviderCatalogue, CatalogueVersion, CatalogueDraft>(kind, scopes, active, signals, time, options)
{
    protected override void LogAdopted(int version) => LogAdopted(logger, version);

    protected override void LogFailed(Exception exception) => LogFailed(logger, exception);

    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Provider-catalogue version {Version}, published by another instance, is now active here")]
    private static partial void LogAdopted(ILogger logger, int version);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Looking for a newer published provider catalogue failed; trying again later")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
