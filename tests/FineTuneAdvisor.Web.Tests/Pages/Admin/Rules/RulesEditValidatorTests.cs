using FineTuneAdvisor.Web.Pages.Admin.Rules;

namespace FineTuneAdvisor.Web.Tests.Pages.Admin.Rules;

/// <summary>The editor's own checks: its lists come from the scoring library's enums, threshold order from its one check.</summary>
public sealed class RulesEditValidatorTests
{
    private static RulesEditInput Input(string effect = "support", string? signal = null, params (string Name, string Value)[] parameters) => new()
    {
        Rules = [new RuleInput { Id = "domain-general", Weight = "4", Effect = effect, Signal = signal, Enabled = true, Message = "m" }],
        Parameters = [.. parameters.Select(p => new ParameterInput { Name = p.Name, Value = p.Value, IsNumber = true })],
    };

    [Fact]
    public void Lists_EffectsAndSignals_AreTheRuleSetNames()
    {
        Assert.Equal(["support", "oppose", "blocker"], RulesEditValidator.Effects);
        Assert.Equal(["retrieval", "prompting", "behavior", "pilot_first", "feasibility"], RulesEditValidator.Signals);
    }

    [Theory]
    [InlineData("blocker", "pilot_first", true)]
    [InlineData("Blocker", null, false)]
    [InlineData("none", null, false)]
    [InlineData("support", "PilotFirst", false)]
    [InlineData("support", "none", false)]
    public void Validate_EffectAndSignal_OnlyTheirExactNames(string effect, string? signal, bool valid)
    {
        Assert.Equal(valid, new RulesEditValidator().Validate(Input(effect, signal)).IsValid);
    }

    [Fact]
    public void Validate_ThresholdsOutOfOrder_TheLoadersMessageBesideTheLowerOne()
    {
        var result = new RulesEditValidator().Validate(Input(parameters: [("pilot_examples", "10000"), ("production_examples", "9999"), ("pilot_min_score", "55"), ("fine_tune_min_score", "75")]));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("Parameters[0].Value", "The rows for a pilot (10000) must be below the rows for production (9999)."), (error.PropertyName, error.ErrorMessage));
    }

    /// <summary>A tampered form repeating a parameter name gets an answer, not an exception.</summary>
    [Fact]
    public void Validate_RepeatedParameterName_DoesNotThrow()
    {
        var result = new RulesEditValidator().Validate(Input(parameters: [("pilot_examples", "1000"), ("pilot_examples", "20000"), ("production_examples", "10000")]));

        Assert.True(result.IsValid);
    }
}
