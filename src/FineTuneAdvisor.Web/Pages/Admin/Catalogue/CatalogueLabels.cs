namespace FineTuneAdvisor.Web.Pages.Admin.Catalogue;

/// <summary>The editor's label for each model field and typical value, shared by the form and its error summary.</summary>
public static class CatalogueLabels
{
    public static string OfTypical(string field) => field switch
    {
        nameof(TypicalInput.LowRequestsPerMonth) => "Requests a month, low volume",
        nameof(TypicalInput.MediumRequestsPerMonth) => "Requests a month, medium volume",
        nameof(TypicalInput.HighRequestsPerMonth) => "Requests a month, high volume",
        nameof(TypicalInput.PromptTokens) => "Prompt today (tokens)",
        nameof(TypicalInput.PromptAfterFineTuningDivisor) => "Prompt after fine-tuning: today's divided by",
        nameof(TypicalInput.UserTokens) => "User's own words (tokens)",
        nameof(TypicalInput.OutputTokens) => "Answer length (tokens)",
        nameof(TypicalInput.CachedPromptPercent) => "Prompt served from a cache (%)",
        nameof(TypicalInput.TokensPerExample) => "Tokens per training example",
        nameof(TypicalInput.PilotExamples) => "Training examples for a pilot",
        nameof(TypicalInput.HorizonMonths) => "Months compared (horizon)",
        _ => field,
    };

    public static string Of(string field) => field switch
    {
        nameof(ModelInput.Id) => "Model id",
        nameof(ModelInput.Name) => "Name",
        nameof(ModelInput.Deployment) => "Deployment",
        nameof(ModelInput.OpenWeights) => "Open weights",
        nameof(ModelInput.TrainingExampleTokenLimit) => "Training-example token limit",
        nameof(ModelInput.CacheMinimumTokens) => "Shortest cached prompt (tokens)",
        nameof(ModelInput.TrainingPerMillionTokens) => "Training, $ per million tokens",
        nameof(ModelInput.TrainingPerGpuHour) => "Training, $ per GPU-hour",
        nameof(ModelInput.TrainingTokensPerSecond) => "Training tokens per second",
        nameof(ModelInput.TrainingSource) => "Training price source",
        nameof(ModelInput.TrainingCheckedOn) => "Training price checked on",
        nameof(ModelInput.PromptingInput) => "Base input, $ per million",
        nameof(ModelInput.PromptingCachedInput) => "Base cached input, $ per million",
        nameof(ModelInput.PromptingOutput) => "Base output, $ per million",
        nameof(ModelInput.PromptingSource) => "Base prices source",
        nameof(ModelInput.PromptingCheckedOn) => "Base prices checked on",
        nameof(ModelInput.FineTunedInput) => "Fine-tuned input, $ per million",
        nameof(ModelInput.FineTunedCachedInput) => "Fine-tuned cached input, $ per million",
        nameof(ModelInput.FineTunedOutput) => "Fine-tuned output, $ per million",
        nameof(ModelInput.FineTunedHostingPerHour) => "Hosting fee, $ per hour",
        nameof(ModelInput.FineTunedSource) => "Fine-tuned prices source",
        nameof(ModelInput.FineTunedCheckedOn) => "Fine-tuned prices checked on",
        nameof(ModelInput.NewJobsUntil) => "Last day for new jobs",
        nameof(ModelInput.ShutdownOn) => "Shut down on",
        nameof(ModelInput.Restrictions) => "Restrictions",
        nameof(ModelInput.StatusSource) => "Status source",
        nameof(ModelInput.StatusCheckedOn) => "Status checked on",
        nameof(ModelInput.Note) => "Note",
        _ => field,
    };
}
