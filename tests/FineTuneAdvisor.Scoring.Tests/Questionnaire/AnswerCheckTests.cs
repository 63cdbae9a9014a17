using System.Globalization;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.Tests.Questionnaire;

public class AnswerCheckTests
{
    private static Question Q(string id) => QuestionCatalogue.Find(id)!;

    /// <summary>Messages format numbers with the current culture; pin it so the expected text is exact.</summary>
    private static string? ProblemInvariant(string id, string? raw)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return AnswerCheck.Problem(Q(id), raw);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("use_case_summary", "Turn support emails into SQL.")]
    [InlineData("use_case_summary", "x")]
    [InlineData("domain", "general")]
    [InlineData("domain", "specialized")]
    [InlineData("output_requirements", "strict_format")]
    [InlineData("prompting_status", "works_but_costly")]
    [InlineData("change_frequency", "realtime")]
    [InlineData("model_hosting", "open_source_self_hosted")]
    [InlineData("example_count", "0")]
    [InlineData("example_count", "2500")]
    [InlineData("example_count", "2,500")]
    [InlineData("example_count", "2_500")]
    [InlineData("example_count", " 2500 ")]
    [InlineData("example_count", "+5")]
    [InlineData("example_count", "100000000")]
    [InlineData("has_eval_set", "true")]
    [InlineData("has_eval_set", "false")]
    public void Problem_GoodValue_IsNull(string id, string raw)
    {
        Assert.Null(ProblemInvariant(id, raw));
    }

    [Fact]
    public void Problem_EveryChoiceOfEveryChoiceQuestion_IsAccepted()
    {
        var choices = QuestionCatalogue.Questions.Where(q => q.Type == QuestionType.Choice).SelectMany(q => q.Choices.Select(c => (q, c.Value))).ToList();

        Assert.True(choices.Count >= 50);
        Assert.All(choices, x => Assert.Null(AnswerCheck.Problem(x.q, x.Value)));
    }

    [Theory]
    [InlineData("use_case_summary", null, "Describe your use case in a sentence or two.")]
    [InlineData("use_case_summary", "", "Describe your use case in a sentence or two.")]
    [InlineData("use_case_summary", "   ", "Describe your use case in a sentence or two.")]
    [InlineData("domain", null, "Choose one of the options.")]
    [InlineData("domain", "", "Choose one of the options.")]
    [InlineData("domain", "legal", "'legal' is not one of the options: general, business, specialized.")]
    [InlineData("domain", "Specialized", "'Specialized' is not one of the options: general, business, specialized.")]
    [InlineData("domain", " specialized", "' specialized' is not one of the options: general, business, specialized.")]
    [InlineData("data_rights", "yes", "'yes' is not one of the options: confirmed, unclear, no.")]
    [InlineData("change_frequency", "hourly", "'hourly' is not one of the options: rarely, quarterly, monthly, weekly, daily, realtime, not_sure.")]
    [InlineData("example_count", null, "Enter a number (0 if you have none yet).")]
    [InlineData("example_count", " ", "Enter a number (0 if you have none yet).")]
    [InlineData("example_count", "-1", "Enter a number between 0 and 100,000,000.")]
    [InlineData("example_count", "100000001", "Enter a number between 0 and 100,000,000.")]
    [InlineData("example_count", "lots", "Enter a whole number, such as 2500.")]
    [InlineData("example_count", "2.5", "Enter a whole number, such as 2500.")]
    [InlineData("example_count", "1e4", "Enter a whole number, such as 2500.")]
    [InlineData("example_count", "99999999999999999999", "Enter a whole number, such as 2500.")]
    [InlineData("has_eval_set", null, "Choose one of the options.")]
    [InlineData("has_eval_set", "True", "Answer yes or no.")]
    [InlineData("has_eval_set", "yes", "Answer yes or no.")]
    [InlineData("has_eval_set", "1", "Answer yes or no.")]
    public void Problem_BadValue_NamesTheProblem(string id, string? raw, string expected)
    {
        Assert.Equal(expected, ProblemInvariant(id, raw));
    }

    [Fact]
    public void Problem_TextAtTheLimit_IsAcceptedAndOneOverIsRefusedWithBothLengths()
    {
        Assert.Null(ProblemInvariant("use_case_summary", new string('a', AnswerCheck.MaxTextLength)));
        Assert.Null(ProblemInvariant("use_case_summary", "  " + new string('a', AnswerCheck.MaxTextLength) + "  "));
        Assert.Equal("Keep it under 2,000 characters (this is 2,001).", ProblemInvariant("use_case_summary", new string('a', AnswerCheck.MaxTextLength + 1)));
    }

    [Fact]
    public void Problem_LongUnknownChoice_IsShortenedInTheMessage()
    {
        var raw = new string('z', 60);

        var problem = ProblemInvariant("domain", raw);

        Assert.Equal($"'{new string('z', 40)}…' is not one of the options: general, business, specialized.", problem);
    }

    [Theory]
    [InlineData("example_count", "2,500", "2500")]
    [InlineData("example_count", " 2_500 ", "2500")]
    [InlineData("example_count", "+5", "5")]
    [InlineData("example_count", "007", "7")]
    [InlineData("use_case_summary", "  Extract clauses.  ", "Extract clauses.")]
    [InlineData("domain", "business", "business")]
    [InlineData("has_eval_set", "true", "true")]
    public void Normalize_AcceptedValue_GivesCanonicalForm(string id, string raw, string expected)
    {
        Assert.Null(AnswerCheck.Problem(Q(id), raw));

        Assert.Equal(expected, AnswerCheck.Normalize(Q(id), raw));
    }

    [Fact]
    public void Problem_NullQuestion_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => AnswerCheck.Problem(null!, "x"));
        Assert.Throws<ArgumentNullException>(() => AnswerCheck.Normalize(null!, "x"));
    }
}
