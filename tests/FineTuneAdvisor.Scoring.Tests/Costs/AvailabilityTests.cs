using FineTuneAdvisor.Scoring.Costs;

namespace FineTuneAdvisor.Scoring.Tests.Costs;

public sealed class AvailabilityTests
{
    private const string Mini = "openai:gpt-4o-mini-2024-07-18";
    private static readonly ProviderCatalogue Catalogue = CatalogueLoader.LoadDefault();

    private static AvailabilityResult Check(string? model, DateOnly today, string hosting = HostingAnswers.HostedApi) =>
        Availability.Check(Catalogue, hosting, model, today);

    [Fact]
    public void Check_LastDayForNewJobs_CanStillTrainWithOneDayLeft()
    {
        var result = Check(Mini, new DateOnly(2027, 1, 6));

        Assert.Equal(ModelState.Active, result.State);
        Assert.True(result.CanTrainToday);
        Assert.True(result.CanServeToday);
        Assert.Equal(1, result.DaysLeftToTrain);
        Assert.Equal(new DateOnly(2027, 1, 6), result.NewJobsUntil);
        Assert.Equal(new DateOnly(2027, 1, 14), result.ShutdownOn);
        Assert.Contains("OpenAI takes new fine-tuning jobs on GPT-4o mini (2024-07-18) until 6 January 2027 (1 day left, today included).", result.Warnings);
        Assert.Contains("Models fine-tuned from GPT-4o mini (2024-07-18) stop answering on 14 January 2027 (8 days from today).", result.Warnings);
        // It has an end, so the places that do not are offered already.
        Assert.NotEmpty(result.Alternatives);
    }

    [Fact]
    public void Check_DayAfterTheLastDayForNewJobs_CannotTrainButStillServes()
    {
        var result = Check(Mini, new DateOnly(2027, 1, 7));

        Assert.Equal(ModelState.NoNewJobs, result.State);
        Assert.False(result.CanTrainToday);
        Assert.True(result.CanServeToday);
        Assert.Null(result.DaysLeftToTrain);
        Assert.Empty(result.Restrictions);
        Assert.Equal(
            "OpenAI has taken no new fine-tuning jobs on GPT-4o mini (2024-07-18) since 7 January 2027; models already fine-tuned answer until 13 January 2027 and stop on 14 January 2027.",
            Assert.Single(result.Warnings));
        AssertAlternativesTakeNewJobs(result, new DateOnly(2027, 1, 7));
        // Every OpenAI model stopped taking jobs on the same day: none is offered.
        Assert.DoesNotContain(result.Alternatives, m => m.Provider.Id == "openai");
        Assert.Contains(result.Alternatives, m => m.Id == "vertex:gemini-2.5-flash");
    }

    [Fact]
    public void Check_LastDayBeforeTheShutdown_StillServes()
    {
        var result = Check(Mini, new DateOnly(2027, 1, 13));

        Assert.Equal(ModelState.NoNewJobs, result.State);
        Assert.True(result.CanServeToday);
    }

    [Fact]
    public void Check_OnTheShutdown_NeitherTrainsNorServes()
    {
        var result = Check(Mini, new DateOnly(2027, 1, 14));

        Assert.Equal(ModelState.ShutDown, result.State);
        Assert.False(result.CanTrainToday);
        Assert.False(result.CanServeToday);
        Assert.Equal(
            "GPT-4o mini (2024-07-18) shut down on 14 January 2027: it can no longer be fine-tuned, and models fine-tuned from it no longer answer.",
            Assert.Single(result.Warnings));
        AssertAlternativesTakeNewJobs(result, new DateOnly(2027, 1, 14));
    }

    [Fact]
    public void Check_MovingTheDateAcrossTheDates_ChangesTheAnswer()
    {
        var states = new[] { new DateOnly(2026, 11, 30), new DateOnly(2027, 1, 6), new DateOnly(2027, 1, 7), new DateOnly(2027, 1, 13), new DateOnly(2027, 1, 14) }
            .Select(day => Check(Mini, day))
            .Select(r => (r.State, r.CanTrainToday, r.CanServeToday))
            .ToList();

        Assert.Equal(
            [
                (ModelState.Active, true, true),
                (ModelState.Active, true, true),
                (ModelState.NoNewJobs, false, true),
                (ModelState.NoNewJobs, false, true),
                (ModelState.ShutDown, false, false),
            ],
            states);
    }

    [Fact]
    public void Check_Restrictions_ApplyFromTheirDay()
    {
        var june = Check(Mini, new DateOnly(2026, 6, 1));
        var july = Check(Mini, new DateOnly(2026, 7, 2));

        Assert.Equal([new DateOnly(2026, 5, 7)], june.Restrictions.Select(r => r.From));
        Assert.Equal([new DateOnly(2026, 5, 7), new DateOnly(2026, 7, 2)], july.Restrictions.Select(r => r.From));
        Assert.Contains("Since 2 July 2026: Only organisations that ran a fine-tuned model in the last 60 days can create fine-tuning jobs.", july.Warnings);
        Assert.True(july.CanTrainToday);
    }

    [Fact]
    public void Check_ModelWithoutAnEnd_NeedsNoAlternatives()
    {
        var result = Check("vertex:gemini-2.5-flash", new DateOnly(2027, 2, 1));

        Assert.Equal(ModelState.Active, result.State);
        Assert.True(result.CanTrainToday);
        Assert.Empty(result.Warnings);
        Assert.Empty(result.Alternatives);
        Assert.Null(result.NewJobsUntil);
        Assert.Null(result.ShutdownOn);
    }

    [Fact]
    public void Check_HostedModelForSelfHosting_SaysSoAndOffersOpenWeights()
    {
        var result = Check(Mini, new DateOnly(2026, 11, 30), HostingAnswers.OpenSourceSelfHosted);

        Assert.Contains(result.Warnings, w => w.StartsWith("You plan to host an open-source model yourself, but GPT-4o mini", StringComparison.Ordinal));
        Assert.NotEmpty(result.Alternatives);
        Assert.All(result.Alternatives, m => Assert.True(m.OpenWeights));
        Assert.Equal(Deployment.SelfHosted, result.Alternatives[0].Deployment);
    }

    [Fact]
    public void Check_SelfHostedModelForAHostedApi_SaysSo()
    {
        var result = Check("self-hosted:llama-3.1-8b-lora-rtx-4090", new DateOnly(2026, 11, 30), HostingAnswers.HostedApi);

        Assert.Contains(result.Warnings, w => w.StartsWith("You plan to use a provider's hosted API", StringComparison.Ordinal));
        Assert.All(result.Alternatives, m => Assert.Equal(Deployment.HostedApi, m.Deployment));
    }

    [Fact]
    public void Check_AlternativesOfAnOpenAiModel_PutOpenEndedOnesFirst()
    {
        var result = Check(Mini, new DateOnly(2026, 11, 30), HostingAnswers.Undecided);

        var firstEnded = result.Alternatives.ToList().FindIndex(m => m.Status.ShutdownOn is not null);
        Assert.True(firstEnded > 0, "Some open-ended models come first.");
        Assert.All(result.Alternatives.Take(firstEnded), m => Assert.Null(m.Status.ShutdownOn));
        Assert.DoesNotContain(result.Alternatives, m => m.Id == Mini);
        // gpt-4.1-nano shut down in October 2026: never offered.
        Assert.DoesNotContain(result.Alternatives, m => m.Id == "openai:gpt-4.1-nano-2025-04-14");
    }

    [Theory]
    [InlineData(HostingAnswers.HostedApi)]
    [InlineData(HostingAnswers.OpenSourceSelfHosted)]
    [InlineData(HostingAnswers.Undecided)]
    [InlineData(HostingAnswers.NotSure)]
    public void Check_WithoutAModel_ListsWhatCanBeTrainedTodayForThatHosting(string hosting)
    {
        var today = new DateOnly(2027, 2, 1);

        var result = Check(null, today, hosting);

        Assert.Null(result.Model);
        Assert.True(result.CanTrainToday);
        Assert.Empty(result.Warnings);
        AssertAlternativesTakeNewJobs(result, today);
        Assert.All(result.Alternatives, m => Assert.True(HostingAnswers.Fits(hosting, m)));
        if (hosting == HostingAnswers.OpenSourceSelfHosted)
        {
            Assert.Equal(Deployment.SelfHosted, result.Alternatives[0].Deployment);
        }
    }

    [Fact]
    public void Check_ShutDownBeforeTheDate_IsNotOfferedEvenBeforeOpenAisLastDay()
    {
        var result = Check("openai:gpt-4.1-nano-2025-04-14", new DateOnly(2026, 11, 30));

        Assert.Equal(ModelState.ShutDown, result.State);
        Assert.False(result.CanTrainToday);
        Assert.Contains(result.Alternatives, m => m.Id == Mini);
    }

    [Fact]
    public void Check_UnknownHostingOrModel_Throws()
    {
        Assert.Throws<ArgumentException>(() => Availability.Check(Catalogue, "cloud", Mini, new DateOnly(2026, 11, 30)));
        Assert.Throws<ArgumentException>(() => Availability.Check(Catalogue, HostingAnswers.HostedApi, "openai:gpt-9", new DateOnly(2026, 11, 30)));
    }

    private static void AssertAlternativesTakeNewJobs(AvailabilityResult result, DateOnly today)
    {
        Assert.NotEmpty(result.Alternatives);
        Assert.All(result.Alternatives, m => Assert.Equal(ModelState.Active, m.Status.StateOn(today)));
    }
}
