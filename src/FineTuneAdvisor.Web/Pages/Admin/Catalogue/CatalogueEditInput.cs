using System.Globalization;
using System.Text.RegularExpressions;
using FineTuneAdvisor.Scoring.Costs;

namespace FineTuneAdvisor.Web.Pages.Admin.Catalogue;

/// <summary>
/// The catalogue editor's form, exactly as typed: every number and date is text, so a bad value comes back as it was
/// typed with its error beside it. <see cref="CatalogueForm"/> turns it into a <see cref="CatalogueDocument"/> for
/// <see cref="CatalogueValidator"/> and maps each problem's JSON path back to its field.
/// </summary>
public sealed class CatalogueEditInput
{
    /// <summary>The draft's concurrency token when the form was rendered.</summary>
    public int RowVersion { get; set; }

    public string? Name { get; set; }

    public TypicalInput Typical { get; set; } = new();

    public List<ProviderInput> Providers { get; set; } = [];

    public List<ModelInput> Models { get; set; } = [];
}

/// <summary>The catalogue's typical values (what unanswered cost questions assume), each a whole number as typed.</summary>
public sealed class TypicalInput
{
    public string? LowRequestsPerMonth { get; set; }
    public string? MediumRequestsPerMonth { get; set; }
    public string? HighRequestsPerMonth { get; set; }
    public string? PromptTokens { get; set; }
    public string? PromptAfterFineTuningDivisor { get; set; }
    public string? UserTokens { get; set; }
    public string? OutputTokens { get; set; }
    public string? CachedPromptPercent { get; set; }
    public string? TokensPerExample { get; set; }
    public string? PilotExamples { get; set; }
    public string? HorizonMonths { get; set; }
}

/// <summary>A provider; its id is fixed in the editor (a new provider comes by import).</summary>
public sealed class ProviderInput
{
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    public string? Website { get; set; }
    public string? Note { get; set; }
}

public sealed class ModelInput
{
    /// <summary>Added in this form and never saved: only then is the id editable (stored assessments name models by id).</summary>
    public bool IsNew { get; set; }

    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Deployment { get; set; }
    public bool OpenWeights { get; set; }
    public string? TrainingExampleTokenLimit { get; set; }
    public string? CacheMinimumTokens { get; set; }

    public string? TrainingPerMillionTokens { get; set; }
    public string? TrainingPerGpuHour { get; set; }
    public string? TrainingTokensPerSecond { get; set; }
    public string? TrainingSource { get; set; }
    public string? TrainingCheckedOn { get; set; }

    public string? PromptingInput { get; set; }
    public string? PromptingCachedInput { get; set; }
    public string? PromptingOutput { get; set; }
    public string? PromptingSource { get; set; }
    public string? PromptingCheckedOn { get; set; }

    public string? FineTunedInput { get; set; }
    public string? FineTunedCachedInput { get; set; }
    public string? FineTunedOutput { get; set; }
    public string? FineTunedHostingPerHour { get; set; }
    public string? FineTunedSource { get; set; }
    public string? FineTunedCheckedOn { get; set; }

    public string? NewJobsUntil { get; set; }
    public string? ShutdownOn { get; set; }

    /// <summary>One restriction a line: "yyyy-mm-dd what applies from that day".</summary>
    public string? Restrictions { get; set; }

    public string? StatusSource { get; set; }
    public string? StatusCheckedOn { get; set; }

    public string? Note { get; set; }
}

/// <summary>Between the form and the catalogue document: filling the form, reading it back, and where each problem belongs.</summary>
public static partial class CatalogueForm
{
    public static CatalogueEditInput FromCatalogue(CatalogueDocument document, int rowVersion)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new CatalogueEditInput
        {
            RowVersion = rowVersion,
            Name = document.Name,
            Typical = FromTypical(TypicalValues.From(document.Typical)),
            Providers = [.. document.Providers.Select(p => new ProviderInput { Id = p.Id, Name = p.Name, Website = p.Website, Note = p.Note })],
            Models = [.. document.Models.Select(m => new ModelInput
            {
                Id = m.Id,
                Name = m.Name,
                Deployment = m.Deployment,
                OpenWeights = m.OpenWeights,
                TrainingExampleTokenLimit = Text(m.TrainingExampleTokenLimit),
                CacheMinimumTokens = Text(m.CacheMinimumTokens),
                TrainingPerMillionTokens = Text(m.Training.PerMillionTokens),
                TrainingPerGpuHour = Text(m.Training.PerGpuHour),
                TrainingTokensPerSecond = Text(m.Training.TokensPerSecond),
                TrainingSource = m.Training.Source,
                TrainingCheckedOn = m.Training.CheckedOn,
                PromptingInput = Text(m.Prompting.InputPerMillion),
                PromptingCachedInput = Text(m.Prompting.CachedInputPerMillion),
                PromptingOutput = Text(m.Prompting.OutputPerMillion),
                PromptingSource = m.Prompting.Source,
                PromptingCheckedOn = m.Prompting.CheckedOn,
                FineTunedInput = Text(m.FineTuned.InputPerMillion),
                FineTunedCachedInput = Text(m.FineTuned.CachedInputPerMillion),
                FineTunedOutput = Text(m.FineTuned.OutputPerMillion),
                FineTunedHostingPerHour = Text(m.FineTuned.HostingPerHour),
                FineTunedSource = m.FineTuned.Source,
                FineTunedCheckedOn = m.FineTuned.CheckedOn,
                NewJobsUntil = m.Status?.NewJobsUntil,
                ShutdownOn = m.Status?.ShutdownOn,
                Restrictions = m.Status?.Restrictions is { Count: > 0 } list ? string.Join('\n', list.Select(r => $"{r.From} {r.Message}")) : null,
                StatusSource = m.Status?.Source,
                StatusCheckedOn = m.Status?.CheckedOn,
                Note = m.Note,
            })],
        };
    }

    // The values in use, defaults included: a catalogue stored before the block existed shows what it assumes.
    private static TypicalInput FromTypical(TypicalValues t) => new()
    {
        LowRequestsPerMonth = Digits(t.LowRequestsPerMonth),
        MediumRequestsPerMonth = Digits(t.MediumRequestsPerMonth),
        HighRequestsPerMonth = Digits(t.HighRequestsPerMonth),
        PromptTokens = Digits(t.PromptTokens),
        PromptAfterFineTuningDivisor = Digits(t.PromptAfterFineTuningDivisor),
        UserTokens = Digits(t.UserTokens),
        OutputTokens = Digits(t.OutputTokens),
        CachedPromptPercent = Digits(t.CachedPromptPercent),
        TokensPerExample = Digits(t.TokensPerExample),
        PilotExamples = Digits(t.PilotExamples),
        HorizonMonths = Digits(t.HorizonMonths),
    };

    /// <summary>A blank model for "Add a model": prices left empty for the admin to fill, dates to today.</summary>
    public static ModelInput NewModel(DateOnly today)
    {
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new ModelInput
        {
            IsNew = true,
            Deployment = "hosted_api",
            TrainingCheckedOn = day,
            PromptingCheckedOn = day,
            FineTunedCheckedOn = day,
        };
    }

    /// <summary>
    /// The form as a catalogue document, based on <paramref name="working"/> (schema, version, currency and what the
    /// form does not show). Text that is not a number goes into <paramref name="errors"/> under its form key, and
    /// the document gets a placeholder there; the caller ignores the validator's problems for those keys.
    /// </summary>
    public static CatalogueDocument ToDocument(CatalogueEditInput input, CatalogueDocument working, Dictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(working);
        ArgumentNullException.ThrowIfNull(errors);
        var providers = input.Providers.Select(p => new ProviderDocument
        {
            Id = p.Id,
            Name = Trim(p.Name)!,
            Website = Trim(p.Website)!,
            Note = Trim(p.Note),
        }).ToList();
        var models = input.Models.Select((m, i) =>
        {
            string Key(string field) => $"Input.Models[{i}].{field}";
            decimal? Amount(string? text, string field) => ParseAmount(text, Key(field), errors);
            decimal Required(string? text, string field)
            {
                var value = Amount(text, field);
                if (value is null && !errors.ContainsKey(Key(field)))
                {
                    errors[Key(field)] = "Required: an amount in US dollars such as 0.15.";
                }

                return value ?? 0m;
            }

            return new ModelDocument
            {
                Id = Trim(m.Id) ?? "",
                Name = Trim(m.Name)!,
                Deployment = Trim(m.Deployment)!,
                OpenWeights = m.OpenWeights,
                TrainingExampleTokenLimit = ParseWhole(m.TrainingExampleTokenLimit, Key(nameof(ModelInput.TrainingExampleTokenLimit)), errors),
                CacheMinimumTokens = ParseWhole(m.CacheMinimumTokens, Key(nameof(ModelInput.CacheMinimumTokens)), errors),
                Training = new TrainingPriceDocument
                {
                    PerMillionTokens = Amount(m.TrainingPerMillionTokens, nameof(ModelInput.TrainingPerMillionTokens)),
                    PerGpuHour = Amount(m.TrainingPerGpuHour, nameof(ModelInput.TrainingPerGpuHour)),
                    TokensPerSecond = Amount(m.TrainingTokensPerSecond, nameof(ModelInput.TrainingTokensPerSecond)),
                    Source = Trim(m.TrainingSource)!,
                    CheckedOn = Trim(m.TrainingCheckedOn)!,
                },
                Prompting = new InferencePriceDocument
                {
                    InputPerMillion = Required(m.PromptingInput, nameof(ModelInput.PromptingInput)),
                    CachedInputPerMillion = Amount(m.PromptingCachedInput, nameof(ModelInput.PromptingCachedInput)),
                    OutputPerMillion = Required(m.PromptingOutput, nameof(ModelInput.PromptingOutput)),
                    Source = Trim(m.PromptingSource)!,
                    CheckedOn = Trim(m.PromptingCheckedOn)!,
                },
                FineTuned = new InferencePriceDocument
                {
                    InputPerMillion = Required(m.FineTunedInput, nameof(ModelInput.FineTunedInput)),
                    CachedInputPerMillion = Amount(m.FineTunedCachedInput, nameof(ModelInput.FineTunedCachedInput)),
                    OutputPerMillion = Required(m.FineTunedOutput, nameof(ModelInput.FineTunedOutput)),
                    HostingPerHour = Amount(m.FineTunedHostingPerHour, nameof(ModelInput.FineTunedHostingPerHour)),
                    Source = Trim(m.FineTunedSource)!,
                    CheckedOn = Trim(m.FineTunedCheckedOn)!,
                },
                Status = Status(m),
                Note = Trim(m.Note),
            };
        }).ToList();
        return working with { Name = Trim(input.Name)!, Typical = ToTypical(input.Typical ?? new(), errors), Providers = providers, Models = models };
    }

    /// <summary>Every typical value is stated (the form shows them all); one that is blank or not a whole number is an error beside it.</summary>
    private static TypicalValuesDocument ToTypical(TypicalInput t, Dictionary<string, string> errors)
    {
        long? Count(string? text, string field)
        {
            var key = IndexModel.TypicalPrefix + field;
            if (string.IsNullOrWhiteSpace(text))
            {
                errors[key] = "Required: a whole number (e.g. 2000).";
                return null;
            }

            if (long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            errors[key] = $"'{Shorten(text.Trim())}' is not a whole number: write digits only, such as 2000 (no commas, points or units).";
            return null;
        }

        // An int member given a huge number keeps it out of range, so the validator names the bounds.
        int? Small(string? text, string field) => Count(text, field) is { } n ? (int)Math.Clamp(n, int.MinValue, int.MaxValue) : null;

        return new TypicalValuesDocument
        {
            RequestsPerMonth = new TypicalRequestsDocument
            {
                Low = Count(t.LowRequestsPerMonth, nameof(TypicalInput.LowRequestsPerMonth)),
                Medium = Count(t.MediumRequestsPerMonth, nameof(TypicalInput.MediumRequestsPerMonth)),
                High = Count(t.HighRequestsPerMonth, nameof(TypicalInput.HighRequestsPerMonth)),
            },
            PromptTokens = Count(t.PromptTokens, nameof(TypicalInput.PromptTokens)),
            PromptAfterFineTuningDivisor = Small(t.PromptAfterFineTuningDivisor, nameof(TypicalInput.PromptAfterFineTuningDivisor)),
            UserTokens = Count(t.UserTokens, nameof(TypicalInput.UserTokens)),
            OutputTokens = Count(t.OutputTokens, nameof(TypicalInput.OutputTokens)),
            CachedPromptPercent = Small(t.CachedPromptPercent, nameof(TypicalInput.CachedPromptPercent)),
            TokensPerExample = Count(t.TokensPerExample, nameof(TypicalInput.TokensPerExample)),
            PilotExamples = Count(t.PilotExamples, nameof(TypicalInput.PilotExamples)),
            HorizonMonths = Small(t.HorizonMonths, nameof(TypicalInput.HorizonMonths)),
        };
    }

    private static StatusDocument? Status(ModelInput m)
    {
        var restrictions = (m.Restrictions ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2, StringSplitOptions.TrimEntries) is var parts && parts.Length == 2
                ? new RestrictionDocument { From = parts[0], Message = parts[1] }
                : new RestrictionDocument { From = parts[0], Message = null! })
            .ToList();
        var given = new[] { m.NewJobsUntil, m.ShutdownOn, m.StatusSource, m.StatusCheckedOn }.Any(t => !string.IsNullOrWhiteSpace(t)) || restrictions.Count > 0;
        return given
            ? new StatusDocument
            {
                NewJobsUntil = Trim(m.NewJobsUntil),
                ShutdownOn = Trim(m.ShutdownOn),
                Restrictions = restrictions.Count > 0 ? restrictions : null,
                Source = Trim(m.StatusSource)!,
                CheckedOn = Trim(m.StatusCheckedOn)!,
            }
            : null;
    }

    /// <summary>The form key a validator problem belongs beside (<c>Input.Models[2].FineTunedInput</c>), or <c>Input</c> for the summary only.</summary>
    public static string KeyOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path == "$.name")
        {
            return "Input.Name";
        }

        if (path.StartsWith("$.typical", StringComparison.Ordinal))
        {
            var typical = path switch
            {
                "$.typical.requestsPerMonth.low" => nameof(TypicalInput.LowRequestsPerMonth),
                "$.typical.requestsPerMonth.medium" => nameof(TypicalInput.MediumRequestsPerMonth),
                "$.typical.requestsPerMonth.high" => nameof(TypicalInput.HighRequestsPerMonth),
                "$.typical.promptTokens" => nameof(TypicalInput.PromptTokens),
                "$.typical.promptAfterFineTuningDivisor" => nameof(TypicalInput.PromptAfterFineTuningDivisor),
                "$.typical.userTokens" => nameof(TypicalInput.UserTokens),
                "$.typical.outputTokens" => nameof(TypicalInput.OutputTokens),
                "$.typical.cachedPromptPercent" => nameof(TypicalInput.CachedPromptPercent),
                "$.typical.tokensPerExample" => nameof(TypicalInput.TokensPerExample),
                "$.typical.pilotExamples" => nameof(TypicalInput.PilotExamples),
                "$.typical.horizonMonths" => nameof(TypicalInput.HorizonMonths),
                _ => null,
            };
            return typical is null ? "Input" : IndexModel.TypicalPrefix + typical;
        }

        var provider = ProviderPath().Match(path);
        if (provider.Success)
        {
            var field = provider.Groups[2].Value switch
            {
                "name" => nameof(ProviderInput.Name),
                "website" => nameof(ProviderInput.Website),
                "note" => nameof(ProviderInput.Note),
                _ => null,
            };
            return field is null ? "Input" : $"Input.Providers[{provider.Groups[1].Value}].{field}";
        }

        var model = ModelPath().Match(path);
        if (!model.Success)
        {
            return "Input";
        }

        var rest = model.Groups[2].Value;
        var key = rest switch
        {
            "id" => nameof(ModelInput.Id),
            "name" => nameof(ModelInput.Name),
            "deployment" or "openWeights" => nameof(ModelInput.Deployment),
            "trainingExampleTokenLimit" => nameof(ModelInput.TrainingExampleTokenLimit),
            "cacheMinimumTokens" => nameof(ModelInput.CacheMinimumTokens),
            "note" => nameof(ModelInput.Note),
            "training" or "training.perMillionTokens" => nameof(ModelInput.TrainingPerMillionTokens),
            "training.perGpuHour" => nameof(ModelInput.TrainingPerGpuHour),
            "training.tokensPerSecond" => nameof(ModelInput.TrainingTokensPerSecond),
            "training.source" => nameof(ModelInput.TrainingSource),
            "training.checkedOn" => nameof(ModelInput.TrainingCheckedOn),
            "status.newJobsUntil" => nameof(ModelInput.NewJobsUntil),
            "status.shutdownOn" => nameof(ModelInput.ShutdownOn),
            "status" or "status.source" => nameof(ModelInput.StatusSource),
            "status.checkedOn" => nameof(ModelInput.StatusCheckedOn),
            _ when rest.StartsWith("status.restrictions", StringComparison.Ordinal) => nameof(ModelInput.Restrictions),
            _ => PriceKey(rest),
        };
        return key is null ? "Input" : $"Input.Models[{model.Groups[1].Value}].{key}";
    }

    /// <summary>"prompting.cachedInputPerMillion" → PromptingCachedInput; "fineTuned.hostingPerHour" → FineTunedHostingPerHour.</summary>
    private static string? PriceKey(string rest)
    {
        var parts = rest.Split('.', 2);
        if (parts.Length != 2 || parts[0] is not ("prompting" or "fineTuned"))
        {
            return null;
        }

        var list = parts[0] == "prompting" ? "Prompting" : "FineTuned";
        return parts[1] switch
        {
            "inputPerMillion" => list + "Input",
            "cachedInputPerMillion" => list + "CachedInput",
            "outputPerMillion" => list + "Output",
            "hostingPerHour" when list == "FineTuned" => nameof(ModelInput.FineTunedHostingPerHour),
            "source" => list + "Source",
            "checkedOn" => list + "CheckedOn",
            _ => null,
        };
    }

    /// <summary>An amount as typed: blank is "none"; "NaN", "∞", "1,5" or words are refused with what to write instead.</summary>
    public static decimal? ParseAmount(string? text, string key, Dictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[key] = $"'{Shorten(text.Trim())}' is not a number: write an amount such as 0.15 (a point for decimals, no currency sign or commas).";
        return null;
    }

    private static int? ParseWhole(string? text, string key, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[key] = $"'{Shorten(text.Trim())}' is not a whole number of tokens (e.g. 65536), or leave it empty when not known.";
        return null;
    }

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().ReplaceLineEndings("\n");

    private static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Digits(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^\$\.providers\[(\d+)\]\.(\w+)")]
    private static partial Regex ProviderPath();

    [GeneratedRegex(@"^\$\.models\[(\d+)\]\.(.+)$")]
    private static partial Regex ModelPath();
}
