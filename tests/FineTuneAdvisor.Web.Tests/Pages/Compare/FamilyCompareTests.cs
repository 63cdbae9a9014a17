using FineTuneAdvisor.Web.Tests.Pages.Results;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FineTuneAdvisor.Web.Tests.Pages.Compare;

/// <summary>
/// Issue 11, item 3: compare offers the other members of the family to pick (pasting stays possible), shows changed
/// answers old → new by their option labels and rule changes marked by their effect without weight-0 rules; the
/// timeline says what changed, old → new, and shows two revisions of one version as branches.
/// </summary>
public sealed class FamilyCompareTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2027, 5, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly AdvisorAppFactory _app = new();

    public FamilyCompareTests() => _app.Time = _time;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Compare_FromOneLink_OffersTheFamilyToPick_AndPickingComparesWithOptionLabelsOldToNew()
    {
        var client = _app.CreateBrowserClient();
        var parent = await ApiAssessments.CreateAsync(client);
        _time.Advance(TimeSpan.FromDays(1));
        await RevisionTests.ReviseThroughFormsAsync(client, $"/a/{parent.ShareToken}/revise", new Dictionary<string, string> { ["change_frequency"] = "quarterly" });

        var picker = await client.GetDocumentAsync($"/compare?a={parent.ShareToken}");

        Assert.Null(picker.QuerySelector("#error-summary"));
        var radios = picker.QuerySelectorAll("input[type=radio][name=pick]");
        var pick = Assert.Single(radios);
        Assert.Contains("a revision of it", pick.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(picker.QuerySelector("#link-b"));

        var page = await client.GetDocumentAsync($"/compare?a={parent.ShareToken}&pick={Uri.EscapeDataString(pick.GetAttribute("value")!)}");

        var row = Assert.Single(page.QuerySelectorAll(".changed-answers tr.changed"));
        Assert.Equal("Rarely", row.QuerySelector(".answer-old")!.TextContent.Trim());
        Assert.Equal("→ Quarterly", RevisionTests.Squeeze(row.QuerySelector(".answer-new")!.TextContent));
    }

    [Fact]
    public async Task Compare_RuleChanges_AreMarkedByTheirEffect_AndWeightZeroRulesAreLeftOut()
    {
        var client = _app.CreateBrowserClient();
        var before = await ApiAssessments.CreateAsync(client);
        var answers = Answers.StrongCase();
        // Starts "fairness-through-balance" (weight 0) and "bias-residual-moderate" (against, weight 1).
        answers["bias_risk"] = "moderate";
        answers["bias_mitigation"] = "in_place";
        answers["example_count"] = "2500";
        var after = await ApiAssessments.CreateAsync(client, answers);

        var page = await client.GetDocumentAsync($"/compare?a={before.ShareToken}&b={after.ShareToken}");

        var text = page.QuerySelector(".rule-changes")!.TextContent;
        Assert.DoesNotContain("fairness-through-balance", text, StringComparison.Ordinal);
        var against = page.QuerySelectorAll(".rule-change").Single(li => li.TextContent.Contains("bias-residual-moderate", StringComparison.Ordinal));
        Assert.Contains("rule-change-oppose", against.ClassName, StringComparison.Ordinal);
        Assert.Contains("Against", against.QuerySelector(".rule-effect")!.TextContent, StringComparison.Ordinal);
        // A supporting rule that stopped firing is still marked "for": what it said, not a "+3" in the warning colour.
        var stopped = page.QuerySelectorAll(".rule-change-group")[1];
        var production = stopped.QuerySelectorAll(".rule-change").Single(li => li.TextContent.Contains("data-production-volume", StringComparison.Ordinal));
        Assert.Contains("rule-change-support", production.ClassName, StringComparison.Ordinal);
        Assert.Contains("no longer counts for fine-tuning", RevisionTests.Squeeze(production.TextContent), StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll(".rule-changes .contribution"));
    }

    [Fact]
    public async Task Timeline_TwoRevisionsOfOneVersion_ShowAsBranches()
    {
        var client = _app.CreateBrowserClient();
        var parent = await ApiAssessments.CreateAsync(client);
        _time.Advance(TimeSpan.FromDays(1));
        await RevisionTests.ReviseThroughFormsAsync(client, $"/a/{parent.ShareToken}/revise", new Dictionary<string, string> { ["budget"] = "moderate" });
        _time.Advance(TimeSpan.FromDays(1));
        await RevisionTests.ReviseThroughFormsAsync(client, $"/a/{parent.ShareToken}/revise", new Dictionary<string, string> { ["example_count"] = "2500" });

        var page = await client.GetDocumentAsync($"/a/{parent.ShareToken}");

        var top = page.QuerySelectorAll(".timeline-section > .timeline > li");
        Assert.Equal(2, top.Length);
        Assert.Contains("First version", top[0].TextContent, StringComparison.Ordinal);
        var branches = top[1].QuerySelectorAll(".timeline-branch");
        Assert.Equal(2, branches.Length);
        Assert.Contains("What budget is there", branches[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("30,000", branches[1].QuerySelector(".timeline-old")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2,500", branches[1].QuerySelector(".timeline-new")!.TextContent, StringComparison.Ordinal);
        // Each branch is compared with the version both were made from.
        Assert.All(branches, b => Assert.Contains("/compare?a=", b.QuerySelector("a[href^='/compare']")!.GetAttribute("href"), StringComparison.Ordinal));
    }
}
