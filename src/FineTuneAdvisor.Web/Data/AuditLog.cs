namespace FineTuneAdvisor.Web.Data;

/// <summary>
/// Adds audit entries to the caller's unit of work. It does not save: the entry commits in the same
/// SaveChanges as the change it records, so there is never a change without its entry or the reverse.
/// </summary>
public sealed class AuditLog(AdvisorDbContext db, TimeProvider time)
{
    public AuditEntry Add(string actor, string action, string summary, string diff)
    {
        var entry = new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            Actor = actor,
            Action = action,
            Summary = summary,
            Diff = diff,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }
}
