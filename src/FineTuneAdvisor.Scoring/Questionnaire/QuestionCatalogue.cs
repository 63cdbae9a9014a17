using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Questionnaire;

/// <summary>
/// The questionnaire: every question id of the product spec, grouped in sections, in the order asked.
/// Labels and help are written for a product manager, not an ML engineer; help says why the question matters.
/// Some questions offer "Not sure" (its hint says what the default rules count it as); some apply only when an
/// earlier answer makes them relevant (<see cref="Question.AppliesWhen"/>).
/// </summary>
public static class QuestionCatalogue
{
    public static IReadOnlyList<Section> Sections { get; } =
    [
        new("use_case", "Your use case", "What the model should do, and what you have tried so far."),
        new("data", "Your data", "Fine-tuning learns from examples, so the examples you have decide a lot."),
        new("freshness", "How fast things change", "A fine-tuned model only knows what it was trained on."),
        new("compliance", "Privacy, rights and fairness", "Training on data can carry its problems into the model."),
        new("resources", "Budget, people and upkeep", "Fine-tuning is a project to run and maintain, not a one-off switch."),
        new("costs", "Costs and provider", "Optional: with your traffic and prompt sizes the result says whether fine-tuning pays for itself, and where you can still do it. Leave a box blank or tick \"Not sure\" and a typical value is used instead, named on the result."),
    ];

    public static IReadOnlyList<Question> Questions { get; } = Build();

    private static readonly Dictionary<string, Question> ById = Questions.ToDictionary(q => q.Id, StringComparer.Ordinal);

    public static Question? Find(string id) => ById.GetValueOrDefault(id);

    public static IReadOnlyList<Question> InSection(string sectionId) => [.. Questions.Where(q => q.Section == sectionId)];

    /// <summary>
    /// The answers without those to questions that do not apply (<see cref="Question.AppliesWhen"/>): what is stored
    /// and scored. Answers to unknown ids are kept; checking them is the caller's business.
    /// </summary>
    public static AnswerSet Applicable(AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        List<string>? skipped = null;
        foreach (var question in Questions)
        {
            if (question.AppliesWhen is not null && answers.ContainsKey(question.Id) && !question.AppliesTo(answers))
            {
                (skipped ??= []).Add(question.Id);
            }
        }

        return skipped is null ? answers : new AnswerSet(answers.Where(a => !skipped.Contains(a.Key, StringComparer.Ordinal)));
    }

    /// <summary>
    /// The catalogue in order. Built by adding one question at a time so that each knows its position and a question
    /// that applies conditionally can name the (already positioned) question its condition reads.
    /// </summary>
    private static List<Question> Build()
    {
        var all = new List<Question>();
        Question Add(Question question)
        {
            var positioned = question with { Position = all.Count };
            all.Add(positioned);
            return positioned;
        }

        Add(new()
        {
            Id = "use_case_summary", Section = "use_case", Type = QuestionType.Text, Topic = "Use case",
            Label = "In a sentence or two, what should the model do?",
            Help = "For example: \"Turn support emails into SQL queries against our ticket database.\" It is shown on the result so readers know what was assessed.",
            Citation = "Introduction", Minimum = 1, Maximum = AnswerCheck.MaxTextLength,
        });
        Add(new()
        {
            Id = "domain", Section = "use_case", Type = QuestionType.Choice, Topic = "Subject matter",
            Label = "How specialised is the subject matter?",
            Help = "Fine-tuning pays off most where the model must handle legal, medical, scientific or jargon-heavy language that general models handle poorly.",
            Citation = "When to Fine-Tune #1",
            Choices =
            [
                new("general", "General", "Everyday topics anyone could discuss"),
                new("business", "Business", "Company or industry terms, but nothing a newcomer couldn't learn quickly"),
                new("specialized", "Specialised", "Legal, medical, scientific or heavy jargon"),
            ],
        });
        Add(new()
        {
            Id = "output_requirements", Section = "use_case", Type = QuestionType.Choice, Topic = "Output format",
            Label = "How strict is the output format?",
            Help = "Teaching a model a house style or an exact format (SQL, a JSON schema, a fixed template) is one of the clearest reasons to fine-tune.",
            Citation = "When to Fine-Tune #2",
            Choices =
            [
                new("free_form", "Free-form", "Any helpful, well-written answer will do"),
                new("consistent_style", "Consistent style", "A recognisable tone, voice or structure every time"),
                new("strict_format", "Strict format", "Machine-readable output such as SQL, JSON or a fixed template"),
            ],
        });
        Add(new()
        {
            Id = "prompting_status", Section = "use_case", Type = QuestionType.Choice, Topic = "Prompting so far", TeamCanChange = true,
            Label = "Have you tried a strong base model with good prompts and examples?",
            Help = "Base models are often good enough for broad tasks. Trying prompt engineering first tells you whether fine-tuning is needed at all, and gives you a baseline to beat.",
            Citation = "Introduction",
            Choices =
            [
                new("not_tried", "Not yet"),
                new("works_well", "Yes, and it works well"),
                new("works_but_costly", "Yes, it works, but prompts are long, slow or expensive"),
                new("insufficient", "Yes, and it falls short"),
                Choice.NotSureCountedAs("Counted as not tried yet"),
            ],
        });
        Add(new()
        {
            Id = "knowledge_vs_behavior", Section = "use_case", Type = QuestionType.Choice, Topic = "What the model is missing",
            Label = "What is the model missing: behaviour, knowledge, or both?",
            Help = "Fine-tuning is good at teaching behaviour (style, format, tone, staying on topic). Facts and documents that the model must look up are usually better served by retrieval.",
            Citation = "When Not to Fine-Tune #2",
            Choices =
            [
                new("behavior", "Behaviour", "Style, format, tone, staying on topic"),
                new("knowledge", "Knowledge", "Facts, documents, product details"),
                new("both", "Both"),
            ],
        });
        Add(new()
        {
            Id = "prompt_efficiency_need", Section = "use_case", Type = QuestionType.Choice, Topic = "Need for short prompts",
            Label = "How important is it that the model understands short, minimal requests?",
            Help = "A fine-tuned model needs less instruction in every prompt, which makes interactions quicker and cheaper.",
            Citation = "When to Fine-Tune #4",
            Choices = [new("low", "Not important"), new("medium", "Somewhat important"), new("high", "Very important")],
        });
        Add(new()
        {
            Id = "request_volume", Section = "use_case", Type = QuestionType.Choice, Topic = "Request volume",
            Label = "How many requests will the model handle?",
            Help = "At high volume, shorter prompts from a fine-tuned model add up to real savings; at low volume they rarely cover the cost of training. If you give the requests a month in the last step, that number decides instead.",
            Citation = "Other Considerations: Costs",
            Choices =
            [
                new("low", "Low", "Hundreds a day or fewer"),
                new("medium", "Medium", "Thousands a day"),
                new("high", "High", "Tens of thousands a day or more"),
                Choice.NotSureCountedAs("Counted as medium"),
            ],
        });
        Add(new()
        {
            Id = "example_count", Section = "data", Type = QuestionType.Number, Topic = "Examples", TeamCanChange = true,
            Label = "How many examples do you have today?",
            Help = "An example is one input with the output you want. Count every row; the next question asks how clean they are, because raw or partly reviewed rows count for less. About 1,000 good rows can show whether fine-tuning holds promise; about 10,000 high-quality, varied examples make a robust production model, and complex or specialised tasks may need tens of thousands.",
            Citation = "When Not to Fine-Tune #1", Minimum = 0, Maximum = 100_000_000,
        });
        Add(new()
        {
            Id = "data_quality", Section = "data", Type = QuestionType.Choice, Topic = "Data quality", TeamCanChange = true,
            Label = "How clean are those examples?",
            Help = "A model trained on poor data repeats it: a news engine fed garbage recommends clickbait. If you have none yet, answer for the data you would collect.",
            Citation = "When to Fine-Tune #5",
            Choices =
            [
                new("raw", "Raw", "Exported as-is, nobody has checked them"),
                new("partially_reviewed", "Partly reviewed", "Spot-checked or cleaned in places"),
                new("curated", "Curated", "Reviewed and corrected, fit to learn from"),
                Choice.NotSureCountedAs("Counted as partly reviewed"),
            ],
        });
        Add(new()
        {
            Id = "data_variety", Section = "data", Type = QuestionType.Choice, Topic = "Variety of examples", TeamCanChange = true,
            Label = "How varied are the examples?",
            Help = "Varied examples teach the model to generalise; many near-identical ones make it over-specialised and brittle. If you have none yet, answer for the data you would collect.",
            Citation = "Disadvantages: Risk of Overfitting",
            Choices =
            [
                new("narrow", "Narrow", "Mostly the same kind of request"),
                new("moderate", "Moderate", "A few kinds of request"),
                new("broad", "Broad", "The full range of what users will ask"),
            ],
        });
        Add(new()
        {
            Id = "has_eval_set", Section = "data", Type = QuestionType.Boolean, Topic = "Evaluation set", TeamCanChange = true,
            Label = "Do you have a held-out evaluation set and a way to score the answers?",
            Help = "A pilot is only useful if you can measure whether the fine-tuned model beats the base model on examples it has not seen.",
            Citation = "Other Considerations: Continuous iteration",
            Choices = [new("true", "Yes"), new("false", "No")],
        });
        Add(new()
        {
            Id = "change_frequency", Section = "freshness", Type = QuestionType.Choice, Topic = "How often the information changes",
            Label = "How often does the information the model relies on change?",
            Help = "A fine-tuned model is frozen at training time. If your information changes daily or faster, retraining cannot keep up and retrieval is the better fit.",
            Citation = "When Not to Fine-Tune #2",
            Choices =
            [
                new("rarely", "Rarely", "Stable for a year or more"),
                new("quarterly", "Quarterly"),
                new("monthly", "Monthly"),
                new("weekly", "Weekly"),
                new("daily", "Daily"),
                new("realtime", "Continuously", "Prices, stock, live events"),
                Choice.NotSureCountedAs("Counted as monthly: regular retraining, but no reason for retrieval"),
            ],
        });
        Add(new()
        {
            Id = "data_sensitivity", Section = "compliance", Type = QuestionType.Choice, Topic = "Data sensitivity",
            Label = "How sensitive is the data you would train on?",
            Help = "Sensitive data can be handled securely by a model you control, but fine-tuning can also amplify privacy problems in the data.",
            Citation = "When to Fine-Tune #3",
            Choices =
            [
                new("public", "Public"),
                new("internal", "Internal", "Company-confidential, no personal data"),
                new("personal", "Personal", "Names, contact details, customer records"),
                new("regulated", "Regulated", "Health, financial or other data under specific law"),
            ],
        });
        Add(new()
        {
            Id = "data_rights", Section = "compliance", Type = QuestionType.Choice, Topic = "Rights to train on the data", TeamCanChange = true,
            Label = "Do you have the rights or consent to train a model on this data?",
            Help = "Training data must be accessible and meet ethical and legal standards. Without the rights, fine-tuning cannot start, and a pilot trains on the data too.",
            Citation = "Other Considerations: Ethical Concerns",
            Choices = [new("confirmed", "Yes, confirmed"), new("unclear", "Not sure yet", Unsure: true), new("no", "No")],
        });
        var biasRisk = Add(new()
        {
            Id = "bias_risk", Section = "compliance", Type = QuestionType.Choice, Topic = "Risk of unfair outcomes",
            Label = "Could the model's answers affect people unfairly?",
            Help = "Hiring, lending, health and similar decisions carry a high risk: fine-tuning can reduce bias with balanced data, or amplify it.",
            Citation = "When Not to Fine-Tune #3",
            Choices =
            [
                new("low", "Low", "No decisions about people"),
                new("moderate", "Moderate", "Indirect influence on people"),
                new("high", "High", "Hiring, lending, health or similar"),
                Choice.NotSureCountedAs("Counted as moderate"),
            ],
        });
        Add(new()
        {
            Id = "bias_mitigation", Section = "compliance", Type = QuestionType.Choice, Topic = "Bias mitigation", TeamCanChange = true,
            Label = "What have you done about bias in the data?",
            Help = "Balanced datasets and bias checks are how fine-tuning can make a model fairer rather than less fair. Only needed when the risk of unfair outcomes is not low.",
            Citation = "When to Fine-Tune #3",
            AppliesWhen = new NotCondition(new AnswerCondition(biasRisk, Comparison.Equals, [new Operand("low", 0)])),
            Choices = [new("none", "Nothing yet"), new("planned", "Planned"), new("in_place", "Checks and balancing in place")],
        });
        Add(new()
        {
            Id = "budget", Section = "resources", Type = QuestionType.Choice, Topic = "Budget", TeamCanChange = true,
            Label = "What budget is there for training, evaluation and hosting?",
            Help = "The computing cost of fine-tuning can be substantial, and maintenance adds to it.",
            Citation = "Other Considerations: Costs",
            Choices = [new("minimal", "Minimal"), new("moderate", "Moderate"), new("substantial", "Substantial")],
        });
        Add(new()
        {
            Id = "ml_expertise", Section = "resources", Type = QuestionType.Choice, Topic = "Machine-learning expertise", TeamCanChange = true,
            Label = "What machine-learning expertise can the project count on?",
            Help = "Complex use cases demand specialised knowledge and skills in machine learning.",
            Citation = "Other Considerations: Expertise",
            Choices = [new("none", "None"), new("some", "Some", "An engineer who has trained models before"), new("dedicated_team", "A dedicated ML team")],
        });
        Add(new()
        {
            Id = "maintenance_capacity", Section = "resources", Type = QuestionType.Choice, Topic = "Upkeep after launch", TeamCanChange = true,
            Label = "Who will keep the model up to date after launch?",
            Help = "Fine-tuned models need ongoing updates to stay effective: new data, retraining, re-evaluation.",
            Citation = "Disadvantages: Maintenance Needs",
            Choices = [new("none", "Nobody yet"), new("occasional", "Someone, now and then"), new("ongoing", "A team, as part of their job")],
        });
        Add(new()
        {
            Id = "model_hosting", Section = "resources", Type = QuestionType.Choice, Topic = "Where the model runs", TeamCanChange = true,
            Label = "Where would the fine-tuned model run?",
            Help = "Open-source models can be customised freely and cut API costs, but need careful data curation and someone to maintain and support them.",
            Citation = "Other Considerations: Open-Source LLMs",
            Choices =
            [
                new("hosted_api", "A provider's hosted API"),
                new("open_source_self_hosted", "An open-source model we host"),
                new("undecided", "Undecided", Unsure: true),
            ],
        });
        Add(new()
        {
            Id = CostAnswers.RequestsPerMonth, Section = "costs", Type = QuestionType.Number, Topic = "Requests a month", Optional = true, Unit = "requests a month",
            Label = "How many requests a month will the model answer?",
            Help = $"Every call to the model counts. This number decides the request volume: under {RequestVolume.MediumFrom:N0} a month is low, under {RequestVolume.HighFrom:N0} medium, more is high.",
            Citation = "Other Considerations: Costs", Minimum = 1, Maximum = CostLimits.MaxRequestsPerMonth,
        });
        Add(new()
        {
            Id = CostAnswers.PromptTokens, Section = "costs", Type = QuestionType.Number, Topic = "Prompt today", Optional = true, Unit = "tokens",
            Label = "How many tokens are the instructions and examples you send with every request today?",
            Help = "The fixed part of the prompt, not the user's own words. A token is about three-quarters of an English word: 2,000 tokens is about 1,500 words.",
            Citation = "When to Fine-Tune #4", Minimum = 0, Maximum = CostLimits.MaxPromptTokens,
        });
        Add(new()
        {
            Id = CostAnswers.PromptTokensAfterFineTuning, Section = "costs", Type = QuestionType.Number, Topic = "Prompt after fine-tuning", Optional = true, Unit = "tokens",
            Label = "How many of those tokens would you still send once the model is fine-tuned?",
            Help = "A fine-tuned model has learnt the task, so most instructions and examples can go. Shorter prompts are where the savings come from.",
            Citation = "Advantages: Efficiency", Minimum = 0, Maximum = CostLimits.MaxPromptTokens,
        });
        Add(new()
        {
            Id = CostAnswers.OutputTokens, Section = "costs", Type = QuestionType.Number, Topic = "Answer length", Optional = true, Unit = "tokens",
            Label = "How many tokens does a typical answer have?",
            Help = "Fine-tuned models usually cost more per token, so long answers weigh on the saving.",
            Citation = "Other Considerations: Costs", Minimum = 0, Maximum = CostLimits.MaxOutputTokens,
        });
        Add(new()
        {
            Id = CostAnswers.CachedPromptPercent, Section = "costs", Type = QuestionType.Number, Topic = "Prompt served from a cache", Optional = true, Unit = "%",
            Label = "What share of today's prompt is served from the provider's prompt cache, in percent?",
            Help = "Providers bill a repeated prompt prefix at a lower price once it is cached. A well-cached long prompt can be cheaper than a fine-tuned model. Enter 0 if you do not use caching.",
            Citation = "Other Considerations: Costs", Minimum = 0, Maximum = 100,
        });
        Add(new()
        {
            Id = CostAnswers.Model, Section = "costs", Type = QuestionType.Choice, Topic = "Provider and model", Optional = true, ChoicesFromCatalogue = true,
            Label = "Which provider and model would you fine-tune?",
            Help = "Providers stop taking fine-tuning jobs on some models: the result says whether yours can still be trained, until when, and what else there is.",
            Citation = "Other Considerations: Open-Source LLMs",
            Choices = [new(CostAnswers.Undecided, "Undecided", "Suggest one that takes new jobs")],
        });
        return all;
    }
}
