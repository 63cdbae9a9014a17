using System.Collections.Concurrent;

namespace FineTuneAdvisor.Web.Data;

/// <summary>
/// A compiled query is bound to the model it first runs with, and each provider's context has a model of its own; this
/// keeps one compiled copy per context type: one in the app, two in a process that holds both (the tests of db copy).
/// </summary>
public sealed class CompiledPerContext<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConcurrentDictionary<Type, TQuery> _compiled = new();

    public TQuery For(AdvisorDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _compiled.GetOrAdd(db.GetType(), static (_, compile) => compile(), compile);
    }
}
