using FineTuneAdvisor.Scoring.Costs;

namespace FineTuneAdvisor.Web.Costs;

public static class ModelNames
{
    /// <summary>
    /// A <c>cost_model</c> answer as people read it: "GPT-4o mini (2024-07-18) · OpenAI", from the catalogue in use; a
    /// model that catalogue no longer lists reads by its id, said to be gone.
    /// </summary>
    public static string Of(ProviderCatalogue catalogue, string id)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        return catalogue.Find(id) is { } model ? $"{model.Name} · {model.Provider.Name}" : $"{id} (no longer in the provider catalogue)";
    }
}
