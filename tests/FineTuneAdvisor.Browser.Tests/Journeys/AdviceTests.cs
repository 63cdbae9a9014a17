using FineTuneAdvisor.Browser.Tests.Pages.Results;
using FineTuneAdvisor.Browser.Tests.Support;
using FineTuneAdvisor.Web.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Journeys;

/// <summary>
/// The advice as a reader meets it in the browser: the plan's two groups ("Remove first", "Then"), how firm the verdict
/// is and why, and the single answers it hinges on.
/// </summary>
public sealed class AdviceTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ResultPage_ReadsThePlanGroupsConfidenceAndHinges()
    {
        // A strong case whose data rights are not confirmed yet: fine-tuning waits on that one blocker.
        var answers = Answers.StrongCase();
        answers["data_rights"] = "unclear";
        var token = await browser.CreateAssessmentAsync(answers);
        await using var session = await browser.NewSessionAsync();

        var result = await ResultPage.OpenAsync(session, token);

        await Expect(result.Verdict).ToHaveTextAsync("Not ready to fine-tune yet");
        await result.ExpectChartAndPlanAsync();
        Assert.NotEmpty(await result.RemoveFirstSteps.AllTextContentsAsync());
        Assert.Contains(await result.RemoveFirstSteps.AllTextContentsAsync(), step => step.Contains("legal", StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(await result.ThenSteps.AllTextContentsAsync());
        await Expect(result.NothingFirst).ToHaveCountAsync(0);

        await Expect(result.ConfidenceLevel).ToHaveTextAsync("medium");
        Assert.Contains(await result.ConfidenceReasons.AllTextContentsAsync(), reason => reason.Contains("rights", StringComparison.OrdinalIgnoreCase));

        var hinges = await result.Hinges.AllTextContentsAsync();
        Assert.Contains(hinges, hinge => hinge.Contains("“Yes, confirmed” instead of “Not sure yet” would make it “Fine-tune for production”", StringComparison.Ordinal));
        session.WriteAxeNotes(output);
        session.AssertNoProblems();
    }

    [Fact]
    public async Task ResultPage_WithNothingInTheWay_SaysSoAboveThePlan()
    {
        // Far from any count that changes the verdict, and nothing unsure: a firm verdict.
        var answers = Answers.StrongCase();
        answers["example_count"] = "60000";
        var token = await browser.CreateAssessmentAsync(answers);
        await using var session = await browser.NewSessionAsync(runAxe: false);

        var result = await ResultPage.OpenAsync(session, token);

        await Expect(result.Verdict).ToHaveTextAsync("Fine-tune for production");
        await Expect(result.NothingFirst).ToHaveTextAsync("Nothing blocks this plan.");
        await Expect(result.RemoveFirstSteps).ToHaveCountAsync(0);
        Assert.NotEmpty(await result.ThenSteps.AllTextContentsAsync());
        await Expect(result.ConfidenceLevel).ToHaveTextAsync("high");
        Assert.NotEmpty(await result.Hinges.AllTextContentsAsync());
        session.AssertNoProblems();
    }
}
