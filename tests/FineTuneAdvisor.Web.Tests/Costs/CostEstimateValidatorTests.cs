using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Costs;

namespace FineTuneAdvisor.Web.Tests.Costs;

/// <summary>The one validator for cost inputs: the API uses it now, the questionnaire's cost questions will.</summary>
public sealed class CostEstimateValidatorTests
{
    private static readonly ActiveCatalogue Catalogue = new();
    private readonly CostEstimateValidator _validator = new(Catalogue);

    private static CostEstimateInput Valid() => new()
    {
        Model = "openai:gpt-4o-mini-2024-07-18",
        RequestsPerMonth = 100_000,
        PromptTokens = 2_000,
        PromptTokensAfterFineTuning = 100,
        UserTokens = 100,
        OutputTokens = 200,
        CachedShare = 0m,
        TrainingExamples = 1_000,
        TokensPerExample = 500,
        TrainingRuns = 1,
        RetrainsPerYear = 0,
        HorizonMonths = 12,
    };

    [Fact]
    public void Validate_CompleteInput_PassesAndConverts()
    {
        var input = Valid();

        Assert.True(_validator.Validate(input).IsValid);
        var inputs = input.ToCostInputs();
        Assert.Equal(100_000, inputs.RequestsPerMonth);
        Assert.Null(inputs.Epochs);
        Assert.Empty(CostLimits.Check(inputs));
    }

    [Fact]
    public void Validate_MissingValues_AreKeyedByPropertyNameForTheFormToShowBesideTheField()
    {
        var result = _validator.Validate(Valid() with { RequestsPerMonth = null, CachedShare = null, TokensPerExample = null });

        Assert.Equal(["CachedShare", "RequestsPerMonth", "TokensPerExample"], result.Errors.Select(e => e.PropertyName).Order(StringComparer.Ordinal));
        Assert.Equal("Required: calls to the model a month.", result.Errors.Single(e => e.PropertyName == "RequestsPerMonth").ErrorMessage);
    }

    [Theory]
    [InlineData("openai:gpt-9", "Model", "'openai:gpt-9' is not in the provider catalogue.")]
    [InlineData("  ", "Model", "Required: a catalogue model id")]
    public void Validate_Model_MustBeInTheActiveCatalogue(string model, string key, string message)
    {
        var error = Assert.Single(_validator.Validate(Valid() with { Model = model }).Errors);

        Assert.Equal(key, error.PropertyName);
        Assert.StartsWith(message, error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Hosting_IsOptionalButMustBeAnAnswer()
    {
        Assert.True(_validator.Validate(Valid() with { Hosting = "not_sure" }).IsValid);
        var error = Assert.Single(_validator.Validate(Valid() with { Hosting = "cloud" }).Errors);
        Assert.Equal("Hosting", error.PropertyName);
    }

    [Fact]
    public void Validate_Bounds_AreTheCostModels()
    {
        var result = _validator.Validate(Valid() with { CachedShare = 1.01m, HorizonMonths = CostLimits.MaxHorizonMonths + 1, Epochs = 51 });

        Assert.Equal(["CachedShare", "Epochs", "HorizonMonths"], result.Errors.Select(e => e.PropertyName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_ModelRemovedByAPublishedCatalogue_IsUnknown()
    {
        var catalogue = new ActiveCatalogue();
        var validator = new CostEstimateValidator(catalogue);
        var document = catalogue.Current.Document;
        catalogue.Publish(CatalogueLoader.Load(document with { Version = 2, Models = [.. document.Models.Skip(1)] }).Catalogue!);

        var error = Assert.Single(validator.Validate(Valid()).Errors);

        Assert.Equal("Model", error.PropertyName);
    }
}
