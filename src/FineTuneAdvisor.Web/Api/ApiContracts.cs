using System.Text.Json;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Web.Api;

/// <summary><c>POST /api/assessments</c>: answers by question id; strings for text and choices, a number for counts, true/false for yes/no.</summary>
public sealed record CreateAssessmentRequest(IReadOnlyDictionary<string, JsonElement> Answers);

/// <summary>
/// A stored assessment as the API returns it; <see cref="ShareToken"/> only in the 201 that created it.
/// Written by <see cref="AssessmentJsonResult"/> straight from the stored JSON; this record documents the shape.
/// </summary>
public sealed record AssessmentResponse(
    string Id,
    string? ShareToken,
    string ShareUrl,
    DateTime CreatedAt,
    int RuleSetVersion,
    IReadOnlyDictionary<string, JsonElement> Answers,
    AssessmentResult Result);

public sealed record QuestionnaireResponse(IReadOnlyList<SectionDto> Sections, IReadOnlyList<QuestionDto> Questions);

public sealed record SectionDto(string Id, string Title, string Intro);

public sealed record ChoiceDto(string Value, string Label, string? Hint);

public sealed record QuestionDto(
    string Id,
    string Section,
    string Type,
    IReadOnlyList<string> AllowedValues,
    IReadOnlyList<ChoiceDto> Choices,
    string Label,
    string Help,
    string Citation,
    long? Minimum,
    long? Maximum)
{
    public static QuestionDto From(Question q)
    {
        ArgumentNullException.ThrowIfNull(q);
        var bounded = q.Type is QuestionType.Number or QuestionType.Text;
        return new(
            q.Id,
            q.Section,
            q.Type switch
            {
                QuestionType.Number => "integer",
                QuestionType.Boolean => "boolean",
                QuestionType.Choice => "choice",
                _ => "text",
            },
            [.. q.Choices.Select(c => c.Value)],
            [.. q.Choices.Select(c => new ChoiceDto(c.Value, c.Label, c.Hint))],
            q.Label,
            q.Help,
            q.Citation,
            bounded ? q.Minimum : null,
            bounded ? q.Maximum : null);
    }
}
