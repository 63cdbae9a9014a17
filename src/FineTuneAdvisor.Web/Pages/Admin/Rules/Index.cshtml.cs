using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FineTuneAdvisor.Scoring.Json;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Pages.Shared;
using FineTuneAdvisor.Web.VersionedDocuments;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FineTuneAdvisor.Web.Pages.Admin.Rules;

/// <summary>
/// The rule editor. It edits the shared draft (created from the published version on the first save): weights,
/// effects, signals, enabled and messages of every rule, and the thresholds. Invalid input comes back as typed
/// with errors beside the fields; a save based on a stale page is refused with who changed the draft meanwhile.
/// </summary>
public sealed partial class IndexModel(RuleSetStore store, IValidator<RulesEditInput> validator) : PageModel
{
    [BindProperty]
    public RulesEditInput Input { get; set; } = new();

    public DocumentState<RuleSet> State { get; private set; } = null!;

    /// <summary>Set when the draft changed since the form was rendered: who did it, and the rules as they are now.</summary>
    public DraftState? Conflict { get; private set; }

    public RuleSet? Theirs { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>
    /// The rules filter, a GET parameter so it works without JavaScript: rules whose id, message, effect or criterion
    /// contain it are shown, their groups opened. The others are hidden but stay in the form, so saving keeps them.
    /// </summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Filter { get; set; }

    public bool IsFiltering => !string.IsNullOrWhiteSpace(Filter);

    public bool Matches(RuleInput rule, string criterionTitle)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!IsFiltering)
        {
            return true;
        }

        var filter = Filter!.Trim();
        return rule.Id.Contains(filter, StringComparison.OrdinalIgnoreCase)
            || (rule.Message ?? "").Contains(filter, StringComparison.OrdinalIgnoreCase)
            || (rule.Effect ?? "").Contains(filter, StringComparison.OrdinalIgnoreCase)
            || criterionTitle.Contains(filter, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Rows for a message box tall enough to show all of its text (about 45 characters a line at the narrowest).</summary>
    public static int MessageRows(string? message) => Math.Clamp(((message?.Length ?? 0) / 45) + 2, 3, 12);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        State = await store.GetStateAsync(cancellationToken);
        Input = FromRuleSet(State.Working, State.Draft.RowVersion);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        State = await store.GetStateAsync(cancellationToken);
        if (!CheckToken())
        {
            await ValidateAsync(cancellationToken);
            return Page();
        }

        var edited = await ValidateAsync(cancellationToken);
        if (edited is null)
        {
            return Page();
        }

        var outcome = await store.SaveDraftAsync(Input.RowVersion, edited, AdminActor.Of(User), cancellationToken);
        return Finish(outcome, "Draft saved. Nothing changes for users until it is published.");
    }

    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken cancellationToken)
    {
        State = await store.GetStateAsync(cancellationToken);
        if (!CheckToken())
        {
            return Page();
        }

        var outcome = await store.DiscardDraftAsync(Input.RowVersion, AdminActor.Of(User), cancellationToken);
        return Finish(outcome, "Draft discarded.");
    }

    public Rule? RuleOf(string id) => State.Working.Rules.FirstOrDefault(r => r.Id == id);

    /// <summary>The value of the same field in the draft someone else saved meanwhile, when it differs from what was posted.</summary>
    public string? TheirValue(RuleInput input, string field)
    {
        ArgumentNullException.ThrowIfNull(input);
        var theirs = Theirs?.Rules.FirstOrDefault(r => r.Id == input.Id);
        if (theirs is null)
        {
            return null;
        }

        var (mine, value) = field switch
        {
            nameof(RuleInput.Weight) => (input.Weight, RuleSetDiff.Number(theirs.Weight)),
            nameof(RuleInput.Effect) => (input.Effect, theirs.Effect.JsonName()),
            nameof(RuleInput.Signal) => (input.Signal ?? "", theirs.Signal?.JsonName() ?? ""),
            nameof(RuleInput.Enabled) => (input.Enabled ? "enabled" : "disabled", theirs.Enabled ? "enabled" : "disabled"),
            _ => (input.Message, theirs.Message),
        };
        return string.Equals(mine?.Trim(), value, StringComparison.Ordinal) ? null : (value.Length == 0 ? "no signal" : value);
    }

    public string? TheirParameter(ParameterInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Theirs is not null && Theirs.Parameters.TryGetValue(input.Name, out var theirs) && theirs.Value != input.Value?.Trim() ? theirs.Value : null;
    }

    /// <summary>The HTML id of a field from its form name: Input.Rules[3].Weight → Input_Rules_3__Weight.</summary>
    public static string FieldId(string name) => name?.Replace('.', '_').Replace('[', '_').Replace(']', '_') ?? "";

    public static RulesEditInput FromRuleSet(RuleSet ruleSet, int rowVersion)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        return new RulesEditInput
        {
            RowVersion = rowVersion,
            Rules = [.. ruleSet.Rules.Select(r => new RuleInput
            {
                Id = r.Id,
                Weight = RuleSetDiff.Number(r.Weight),
                Effect = r.Effect.JsonName(),
                Signal = r.Signal?.JsonName() ?? "",
                Enabled = r.Enabled,
                Message = r.Message,
            })],
            Parameters = [.. ruleSet.Parameters.Values.OrderBy(p => ParameterOrder(p.Name)).ThenBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => new ParameterInput { Name = p.Name, Value = p.Value, IsNumber = p.IsNumber })],
        };
    }

    /// <summary>The required numbers in the order the scoring library lists them, then the retrieval frequency, then the rest.</summary>
    private static int ParameterOrder(string name) =>
        name == RequiredParameters.RetrievalChangeFrequency ? RequiredParameters.Numbers.Count
        : RequiredParameters.Numbers.Select(n => n.Name).ToList().IndexOf(name) is var i and >= 0 ? i
        : RequiredParameters.Numbers.Count + 1;

    /// <summary>A stale token: say who changed the draft, keep everything typed, and take the new token so a second save is deliberate.</summary>
    private bool CheckToken()
    {
        if (Input.RowVersion == State.Draft.RowVersion)
        {
            return true;
        }

        ShowConflict(State.Draft);
        return false;
    }

    private void ShowConflict(DraftState current)
    {
        Conflict = current;
        Theirs = current.Json is not null && RuleSetLoader.Load(current.Json).RuleSet is { } draft ? draft : State.Published;
        ModelState.AddModelError(nameof(Input),
            $"Not saved: {current.Describe()} while you were editing. Your changes are still in the form; where the draft now differs, its value is shown beside the field. Save again to replace it with yours, or reload the page to take theirs.");
        ModelState.Remove($"{nameof(Input)}.{nameof(RulesEditInput.RowVersion)}");
        Input.RowVersion = current.RowVersion;
    }

    /// <summary>The edited rule set when everything is valid; otherwise null with every problem in ModelState.</summary>
    private async Task<RuleSet?> ValidateAsync(CancellationToken cancellationToken)
    {
        var working = State.Working;
        var known = working.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var parameter in Input.Parameters)
        {
            parameter.IsNumber = working.Parameters.TryGetValue(parameter.Name, out var p) && p.IsNumber;
        }

        var validation = await validator.ValidateAsync(Input, cancellationToken);
        validation.AddToModelState(ModelState, nameof(Input));
        for (var i = 0; i < Input.Rules.Count; i++)
        {
            if (!known.Contains(Input.Rules[i].Id))
            {
                ModelState.AddModelError(nameof(Input), $"Rule '{Input.Rules[i].Id}' is not in the rule set any more; reload the page.");
            }
        }

        var unknownParameter = Input.Parameters.FirstOrDefault(p => !working.Parameters.ContainsKey(p.Name));
        if (unknownParameter is not null)
        {
            ModelState.AddModelError(nameof(Input), $"Parameter '{unknownParameter.Name}' is not in the rule set any more; reload the page.");
        }

        if (!ModelState.IsValid)
        {
            return null;
        }

        var edits = Input.Rules.Select(r => new RuleEdit(r.Id, RulesEditValidator.ParseNumber(r.Weight)!.Value, r.Effect!,
            string.IsNullOrEmpty(r.Signal) ? null : r.Signal, r.Enabled, r.Message!.Trim())).ToList();
        var parameters = Input.Parameters.ToDictionary(p => p.Name,
            p => p.IsNumber ? JsonValue.Create(RulesEditValidator.ParseNumber(p.Value)!.Value) : JsonValue.Create(p.Value!.Trim()), StringComparer.Ordinal);
        var json = RuleSetDocument.ApplyEdits(working.Json, edits, parameters);

        // Finally the whole rule set, exactly as it would be stored, through the loader's strict validation.
        var load = RuleSetLoader.Load(json);
        foreach (var problem in load.Problems)
        {
            ModelState.AddModelError(KeyOf(problem.Path, json), problem.ToString());
        }

        return load.RuleSet;
    }

    /// <summary>Maps a loader problem's JSON path to the form field it is about, or to the summary.</summary>
    private string KeyOf(string path, string json)
    {
        var rule = RulePath().Match(path);
        if (rule.Success)
        {
            var id = JsonNode.Parse(json)?["rules"]?[int.Parse(rule.Groups[1].Value, CultureInfo.InvariantCulture)]?["id"]?.GetValue<string>();
            var index = Input.Rules.FindIndex(r => r.Id == id);
            var field = rule.Groups[2].Value switch
            {
                "weight" => nameof(RuleInput.Weight),
                "effect" => nameof(RuleInput.Effect),
                "signal" => nameof(RuleInput.Signal),
                "message" => nameof(RuleInput.Message),
                _ => null,
            };
            if (index >= 0 && field is not null)
            {
                return $"{nameof(Input)}.Rules[{index}].{field}";
            }
        }

        var parameter = ParameterPath().Match(path);
        if (parameter.Success)
        {
            var index = Input.Parameters.FindIndex(p => p.Name == parameter.Groups[1].Value);
            if (index >= 0)
            {
                return $"{nameof(Input)}.Parameters[{index}].Value";
            }
        }

        return nameof(Input);
    }

    /// <summary>How the error summary names a field: "Rule domain-specialized, weight", "Threshold pilot_examples".</summary>
    public string Describe(string key)
    {
        var rule = RuleKey().Match(key);
        if (rule.Success && int.Parse(rule.Groups[1].Value, CultureInfo.InvariantCulture) is var i && i < Input.Rules.Count)
        {
            return $"Rule {Input.Rules[i].Id}, {rule.Groups[2].Value.ToLowerInvariant()}";
        }

        var parameter = ParameterKey().Match(key);
        if (parameter.Success && int.Parse(parameter.Groups[1].Value, CultureInfo.InvariantCulture) is var j && j < Input.Parameters.Count)
        {
            return $"Threshold “{ParameterLabels.Of(Input.Parameters[j].Name).Label}”";
        }

        return key;
    }

    private IActionResult Finish(DraftWrite outcome, string statusMessage)
    {
        if (outcome.Conflict is not null)
        {
            ShowConflict(outcome.Conflict);
            return Page();
        }

        if (outcome.Error is not null)
        {
            ModelState.AddModelError(nameof(Input), outcome.Error);
            return Page();
        }

        StatusMessage = statusMessage;
        return RedirectToPage();
    }

    [GeneratedRegex(@"^\$\.rules\[(\d+)\]\.(\w+)")]
    private static partial Regex RulePath();

    [GeneratedRegex(@"^\$\.parameters\.([a-z0-9_-]+)$")]
    private static partial Regex ParameterPath();

    [GeneratedRegex(@"^Input\.Rules\[(\d+)\]\.(\w+)$")]
    private static partial Regex RuleKey();

    [GeneratedRegex(@"^Input\.Parameters\[(\d+)\]\.Value$")]
    private static partial Regex ParameterKey();
}
