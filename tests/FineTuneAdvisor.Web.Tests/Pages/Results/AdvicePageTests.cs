using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Pages.Results;

/// <summary>
/// The result page and its Markdown export show the plan's two groups, the confidence with its reasons and what the
/// verdict hinges on, as the API gives them; the headline number fits the verdict.
/// </summary>
public sealed class AdvicePageTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>A strong case whose data is not yet there: a pilot, with a "Remove first" group.</summary>
    private static Dictionary<string, string> BlockedOnRights()
    {
        var answers = Answers.StrongCase();
        answers["data_rights"] = "unclear";
        return answers;
    }

    [Fact]
    public async Task ResultPage_ShowsPlanGroupsConfidenceAndHinges_AsTheApiGivesThem()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client, BlockedOnRights());
        var result = created.Body["result"]!;
        Assert.Equal("not_ready", result["verdict"]!.GetValue<string>());

        var page = await client.GetDocumentAsync($"/a/{created.ShareToken}");

        Assert.Equal("Remove first", page.QuerySelector("#remove-first-heading")!.TextContent.Trim());
        Assert.Equal("Then", page.QuerySelector("#then-heading")!.TextContent.Trim());
        Assert.Equal(result["plan"]!["removeFirst"]!.AsArray().Select(s => s!["text"]!.GetValue<string>()),
            page.QuerySelectorAll(".plan-remove-first .step-text").Select(s => s.TextContent.Trim()));
        Assert.Equal(result["plan"]!["then"]!.AsArray().Select(s => s!["text"]!.GetValue<string>()),
            page.QuerySelectorAll(".plan-then .step-text").Select(s => s.TextContent.Trim()));
        Assert.NotEmpty(page.QuerySelectorAll(".plan-remove-first li"));

        var confidence = result["confidence"]!;
        Assert.Equal(confidence["level"]!.GetValue<string>(), page.QuerySelector(".confidence-level strong")!.TextContent.Trim());
        Assert.Equal(confidence["reasons"]!.AsArray().Select(r => r!.GetValue<string>()), page.QuerySelectorAll(".confidence-reasons li").Select(li => li.TextContent.Trim()));
        Assert.NotEmpty(page.QuerySelectorAll(".confidence-reasons li"));

        var hinges = page.QuerySelectorAll(".hinge-list li");
        Assert.Equal(result["hinges"]!.AsArray().Select(h => h!["text"]!.GetValue<string>()), hinges.Select(li => li.TextContent.Trim()));
        Assert.Contains(hinges, li => li.GetAttribute("data-question") == "data_rights" && li.GetAttribute("data-verdict") == "fine_tune");

        // Not ready: the headline number is the (strong) case, not a high readiness under "Not ready".
        Assert.Equal(result["caseScore"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector(".score-number")!.TextContent.Trim());
        Assert.Contains("case for fine-tuning", page.QuerySelector(".score-scale")!.TextContent, StringComparison.Ordinal);
        // The headline number is not repeated beside it; the two it is not are.
        Assert.Null(page.QuerySelector(".score-case"));
        Assert.Equal(result["readinessScore"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector(".score-readiness")!.TextContent.Split('/')[0].Trim());
        Assert.Equal(result["teamScore"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector(".score-team")!.TextContent.Split('/')[0].Trim());
    }

    [Fact]
    public async Task MarkdownExport_HasThePlanGroupsConfidenceReasonsAndHinges()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client, BlockedOnRights());
        var result = created.Body["result"]!;

        var markdown = await client.GetStringAsync($"/a/{created.ShareToken}/export.md");

        Assert.Contains("## Plan\n\n### Remove first\n\n1. ", markdown, StringComparison.Ordinal);
        Assert.Contains("### Then\n\n1. ", markdown, StringComparison.Ordinal);
        Assert.Contains($"**Confidence:** {result["confidence"]!["level"]!.GetValue<string>()}", markdown, StringComparison.Ordinal);
        Assert.Contains("## Confidence\n\n- ", markdown, StringComparison.Ordinal);
        Assert.Contains("## What the verdict hinges on\n\n- ", markdown, StringComparison.Ordinal);
        Assert.Equal(result["hinges"]!.AsArray().Count, markdown.Split("## What the verdict hinges on")[1].Split("## Criteria")[0].Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RetrievalVerdict_LeadsWithTheCaseForFineTuning_NotAReadinessGrade()
    {
        var client = _app.CreateBrowserClient();
        var answers = Answers.StrongCase();
        answers["knowledge_vs_behavior"] = "knowledge";
        answers["change_frequency"] = "daily";
        answers["domain"] = "general";
        answers["output_requirements"] = "free_form";
        answers["prompting_status"] = "not_tried";
        var created = await ApiAssessments.CreateAsync(client, answers);
        var result = created.Body["result"]!;
        Assert.Equal(("rag", "none"), (result["verdict"]!.GetValue<string>(), result["fineTuneStage"]!.GetValue<string>()));

        var page = await client.GetDocumentAsync($"/a/{created.ShareToken}");
        var markdown = await client.GetStringAsync($"/a/{created.ShareToken}/export.md");

        Assert.Equal("Use retrieval instead of fine-tuning", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(result["caseScore"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector(".score-number")!.TextContent.Trim());
        Assert.Contains("case for fine-tuning", page.QuerySelector(".score-scale")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("readiness", page.QuerySelector(".score-scale")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"**Case for fine-tuning:** {result["caseScore"]!.GetValue<int>()} / 100", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("**Readiness", markdown, StringComparison.Ordinal);
    }
}
