namespace FineTuneAdvisor.Web.Data;

/// <summary>One recorded admin action: who did what, when, and a readable diff of what changed.</summary>
public sealed class AuditEntry
{
    public int Id { get; set; }
    public required DateTime At { get; set; }

    /// <summary>The acting admin's email (or "system" for start-up bootstrap and the command line).</summary>
    public required string Actor { get; set; }

    /// <summary>A stable action code, one of <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>One line for the list, e.g. "Published rule set version 3".</summary>
    public required string Summary { get; set; }

    /// <summary>What changed, one "field: old → new" line per change; never a password or a secret.</summary>
    public required string Diff { get; set; }
}

public static class AuditActions
{
    public const string RulesPublish = "rules.publish";
    public const string RulesRollback = "rules.rollback";
    public const string RulesImport = "rules.import";
    public const string RulesDraftSave = "rules.draft.save";
    public const string RulesDraftDiscard = "rules.draft.discard";

    /// <summary>Start-up published the built-in default because the latest version was a schema the engine no longer runs.</summary>
    public const string RulesUpgrade = "rules.upgrade";
    public const string CataloguePublish = "catalogue.publish";
    public const string CatalogueRollback = "catalogue.rollback";
    public const string CatalogueImport = "catalogue.import";
    public const string CatalogueDraftSave = "catalogue.draft.save";
    public const string CatalogueDraftDiscard = "catalogue.draft.discard";
    public const string AccountCreate = "account.create";
    public const string AccountDisable = "account.disable";
    public const string AccountEnable = "account.enable";
    public const string AccountPassword = "account.password";
}
