using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.Tests.Questionnaire;

/// <summary>
/// What free text people type may hold (answers, notes, rule messages): any language, emoji and line breaks; no NUL
/// or other control character, no invisible bidirectional control (U+202E makes "txt.exe" read "exe.txt"), and not
/// only invisible characters (a summary of zero-width spaces looks empty everywhere it is shown).
/// </summary>
public class PlainTextTests
{
    [Theory]
    [InlineData("Turn support emails into SQL.")]
    [InlineData("Two lines\nand a tab\tand CRLF\r\nend")]
    [InlineData("שלום, مرحبا, こんにちは")]
    [InlineData("café with a combining accent: cafe\u0301")]
    [InlineData("emoji 👩‍💻 joined by a zero-width joiner")]
    [InlineData("a word\u200Bjoined by a zero-width space")]
    [InlineData("<script>alert(1)</script>")]
    public void Problem_OrdinaryText_IsNone(string text) => Assert.Null(PlainText.Problem(text));

    [Theory]
    [InlineData("a\u0000b", "U+0000")]
    [InlineData("\u0000", "U+0000")]
    [InlineData("bell\u0007", "U+0007")]
    [InlineData("escape\u001B[31m", "U+001B")]
    [InlineData("delete\u007F", "U+007F")]
    [InlineData("next line\u0085", "U+0085")]
    public void Problem_ControlCharacter_IsNamed(string text, string code)
    {
        var problem = PlainText.Problem(text);

        Assert.NotNull(problem);
        Assert.Contains(code, problem, StringComparison.Ordinal);
        Assert.Contains("control character", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invoice\u202Etxt.exe", "U+202E")]
    [InlineData("\u202Aembedded\u202C", "U+202A")]
    [InlineData("isolate \u2066x\u2069", "U+2066")]
    [InlineData("mark\u200F", "U+200F")]
    [InlineData("arabic mark\u061C", "U+061C")]
    public void Problem_BidirectionalControl_IsNamed(string text, string code)
    {
        var problem = PlainText.Problem(text);

        Assert.NotNull(problem);
        Assert.Contains(code, problem, StringComparison.Ordinal);
        Assert.Contains("direction", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_LoneSurrogate_IsNamed() =>
        Assert.Contains("not a character", PlainText.Problem("half \uD800 a pair"), StringComparison.Ordinal);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u200B\u200B\u200B")]
    [InlineData(" \u200B\uFEFF\u2060 ")]
    [InlineData("\u3164\u115F")]
    [InlineData("\u00A0\u2800")]
    [InlineData("\u0301\u0301")]
    [InlineData(null)]
    public void IsBlank_NothingVisible_IsTrue(string? text) => Assert.True(PlainText.IsBlank(text));

    [Theory]
    [InlineData("x")]
    [InlineData("\u200Bx\u200B")]
    [InlineData("👍")]
    [InlineData("。")]
    public void IsBlank_SomethingVisible_IsFalse(string text) => Assert.False(PlainText.IsBlank(text));

    [Fact]
    public void AnswerCheck_SummaryOfZeroWidthSpaces_IsMissing() =>
        Assert.Equal("Describe your use case in a sentence or two.", AnswerCheck.Problem(QuestionCatalogue.Find("use_case_summary")!, "\u200B\u200B\uFEFF"));

    [Theory]
    [InlineData("Summary with a NUL\u0000 inside", "U+0000")]
    [InlineData("Summary \u202Ereversed", "U+202E")]
    public void AnswerCheck_SummaryWithAForbiddenCharacter_IsRefusedNamingIt(string summary, string code) =>
        Assert.Contains(code, AnswerCheck.Problem(QuestionCatalogue.Find("use_case_summary")!, summary), StringComparison.Ordinal);
}
