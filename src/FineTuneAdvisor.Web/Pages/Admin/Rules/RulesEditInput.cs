using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace FineTuneAdvisor.Web.Pages.Admin.Rules;

/// <summary>
/// What the rule editor posts: every rule's editable fields and every parameter, as typed (weights and numbers
/// stay text, so "abc" or "1e308" comes back exactly as typed beside its error), and the draft's concurrency token.
/// </summary>
public sealed class RulesEditInput
{
    /// <summary>The draft's <c>RowVersion</c> when the form was rendered; a different one now is a conflict.</summary>
    public int RowVersion { get; set; }

    public List<RuleInput> Rules { get; set; } = [];
    public List<ParameterInput> Parameters { get; set; } = [];
}

public sealed class RuleInput
{
    public string Id { get; set; } = "";
    public string? Weight { get; set; }
    public string? Effect { get; set; }

    /// <summary>Empty for no signal.</summary>
    public string? Signal { get; set; }

    public bool Enabled { get; set; }
    public string? Message { get; set; }
}

public sealed class ParameterInput
{
    public string Name { get; set; } = "";
    public string? Value { get; set; }

    /// <summary>Set by the server from the rule set being edited, never from the form: is this a number or a text parameter?</summary>
    [BindNever]
    public bool IsNumber { get; set; }
}
