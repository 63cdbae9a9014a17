namespace FineTuneAdvisor.Scoring.Questionnaire;

/// <summary>What kind of answer a question takes; decides how answers are checked and compared.</summary>
public enum QuestionType
{
    Text,
    Choice,
    Number,
    Boolean,
}
