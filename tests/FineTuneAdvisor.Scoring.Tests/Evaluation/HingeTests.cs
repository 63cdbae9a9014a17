using System.Globalization;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.Tests.GoldenCases;
using FineTuneAdvisor.Scoring.Tests.Support;

namespace FineTuneAdvisor.Scoring.Tests.Evaluation;

/// <summary>What the verdict hinges on (docs/scoring.md, "Hinges"): every hinge is confirmed by deciding again, the count is the nearest.</summary>
public sealed class HingeTests
{
    [Fact]
    public void Hinges_AnyCorpusResult_EachGivesTheVerdictItNamesWhenDecidedAgain()
    {
        var hinges = 0;
        foreach (var (answers, result, _) in TestAnswers.CorpusResults.Where((_, i) => i % 3 == 0))
        {
            foreach (var hinge in result.Hinges!)
            {
                hinges++;
                Assert.Equal(answers[hinge.Question], hinge.From);
                var changed = TestAnswers.Decide(answers.With(hinge.Question, hinge.To));
                Assert.Equal((hinge.Verdict, hinge.FineTuneStage), (changed.Verdict, changed.FineTuneStage));
                Assert.NotEqual((result.Verdict, result.FineTuneStage!.Value), (changed.Verdict, changed.FineTuneStage));
                Assert.NotEqual(Choice.NotSure, hinge.To);
            }
        }

        Assert.True(hinges > 3000, $"only {hinges} hinges");
    }

    /// <summary>For the example count, the hinge is the nearest count that changes the verdict (to within 1%: the bisection's tolerance).</summary>
    [Fact]
    public void Hinges_ExampleCount_IsTheNearestCountThatChangesTheVerdict()
    {
        var checkedHinges = 0;
        foreach (var (answers, result, _) in TestAnswers.CorpusResults.Where((_, i) => i % 3 == 1))
        {
            foreach (var hinge in result.Hinges!.Where(h => h.Question == "example_count"))
            {
                checkedHinges++;
                var from = long.Parse(hinge.From, CultureInfo.InvariantCulture);
                var to = long.Parse(hinge.To, CultureInfo.InvariantCulture);
                var justShort = to > from ? to - (to / 100) - 1 : to + (to / 100) + 1;
                if (justShort == from || (to > from ? justShort < from : justShort > from))
                {
                    continue;
                }

                var before = TestAnswers.Decide(answers.With("example_count", TestAnswers.Text(justShort)));
                Assert.Equal((result.Verdict, result.FineTuneStage!.Value), (before.Verdict, before.FineTuneStage));
            }
        }

        Assert.True(checkedHinges > 500, $"only {checkedHinges} count hinges");
    }

    /// <summary>Unsure answers first, then the example count, then what the team can change, then facts of the use case; two a question, six in all.</summary>
    [Fact]
    public void Hinges_AnyCorpusResult_AreOrderedByHowPlausibleTheChangeIs()
    {
        static int Rank(AnswerSet answers, Hinge hinge)
        {
            var question = QuestionCatalogue.Find(hinge.Question)!;
            return question.IsUnsure(answers[hinge.Question]) ? 0 : question.Type == QuestionType.Number ? 1 : question.TeamCanChange ? 2 : 3;
        }

        foreach (var (answers, result, _) in TestAnswers.CorpusResults.Where((_, i) => i % 3 == 2))
        {
            var hinges = result.Hinges!;
            Assert.True(hinges.Count <= 6);
            Assert.All(hinges.GroupBy(h => h.Question), g => Assert.True(g.Count() <= 2));
            var ranks = hinges.Select(h => (Rank(answers, h), QuestionCatalogue.Find(h.Question)!.Position)).ToList();
            Assert.Equal(ranks.Order(), ranks);
        }
    }

    /// <summary>Issue 9's examples: "This becomes fine_tune with an evaluation set"; "This becomes not_ready if the data rights were unclear".</summary>
    [Fact]
    public void Hinges_IssueExamples_ReadAsTheIssueSaysThem()
    {
        var noEvalSet = TestAnswers.Evaluate(GoldenCaseFile.Named("financial-services-personal-data").Answers.With("has_eval_set", "false"));
        var legal = TestAnswers.Evaluate(GoldenCaseFile.Named("legal-contract-clause-extraction").Answers);

        Assert.Equal(Verdict.Pilot, noEvalSet.Verdict);
        Assert.Contains(noEvalSet.Hinges!, h => h is { Question: "has_eval_set", To: "true", Verdict: Verdict.FineTune }
            && h.Text == "Evaluation set: “Yes” instead of “No” would make it “Fine-tune for production”.");
        Assert.Contains(legal.Hinges!, h => h is { Question: "data_rights", To: "unclear", Verdict: Verdict.NotReady }
            && h.Text == "Rights to train on the data: “Not sure yet” instead of “Yes, confirmed” would make it “Not ready to fine-tune yet”.");
        Assert.Contains(legal.Hinges!, h => h is { Question: "example_count", To: "25000", Verdict: Verdict.FineTune }
            && h.Text == "Examples: 25,000 or more instead of 15,000 would make it “Fine-tune for production”.");
    }

    /// <summary>The walk the property tests use (facts once, then only the affected rules) decides exactly as a full decision does.</summary>
    [Fact]
    public void Walk_EveryAnswerOfEveryQuestion_DecidesAsAFullDecision()
    {
        var origins = TestAnswers.CorpusResults.Where(e => e.Source != CorpusSource.Neighbour).Where((_, i) => i % 15 == 0).Select(e => e.Answers).ToList();
        foreach (var origin in origins)
        {
            foreach (var question in QuestionCatalogue.Questions.Where(q => q.Type != QuestionType.Text))
            {
                var values = TestAnswers.ValuesOf(question);
                Assert.Equal(values.Select(v => TestAnswers.Decide(origin.With(question.Id, v))), TestAnswers.Walk(origin, question.Id, values));
            }
        }

        Assert.True(origins.Count > 150);
    }
}
