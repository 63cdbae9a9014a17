using System.Globalization;
using System.Net;
using System.Text.Json;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Tests.Pages.Admin.Rules;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace FineTuneAdvisor.Web.Tests.Pages.Admin;

public sealed class PreviewAndOverviewTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start.AddDays(-200));
    private readonly AdvisorAppFactory _app;

    public PreviewAndOverviewTests()
    {
        _app = new AdvisorAppFactory().WithSetting("Admin:PreviewSize", "7");
        _app.Time = _time;
    }

    public void Dispose() => _app.Dispose();

    /// <summary>Answer sets with different verdicts under the default rules: fine-tune, pilot, not ready (two blockers), retrieval, prompting.</summary>
    private static IEnumerable<Dictionary<string, string>> Varied()
    {
        yield return Answers.StrongCase();
        yield return With("example_count", "2500");
        yield return With("example_count", "200");
        yield return With("data_rights", "no");
        yield return With("change_frequency", "realtime");
        yield return With("prompting_status", "works_well");
        yield return With("data_quality", "raw");
        yield return With("domain", "general");
        yield return With("bias_risk", "high");

        static Dictionary<string, string> With(string id, string value)
        {
            var answers = Answers.StrongCase();
            answers[id] = value;
            return answers;
        }
    }

    /// <summary>Assessments spread over weeks (the API needs no sign-in), then an admin signed in at the final time.</summary>
    private async Task<HttpClient> CreateAssessmentsAsync()
    {
        var api = _app.CreateClient();
        _time.SetUtcNow(Start);
        foreach (var answers in Varied())
        {
            await ApiAssessments.CreateAsync(api, answers);
            _time.Advance(TimeSpan.FromDays(4));
        }

        // Admin sessions follow the same clock: sign in after it has moved, not before.
        return await _app.CreateAdminClientAsync();
    }

    [Fact]
    public async Task Preview_Counts_EqualReScoringTheLatestAssessmentsByHand()
    {
        var client = await CreateAssessmentsAsync();
        using (var saved = await AdminRules.SaveAsync(client, new Dictionary<(string, string), string>
        {
            [("data-toward-production", "Enabled")] = "false",
            [("domain-general", "Effect")] = "blocker",
        }, new Dictionary<string, string> { ["fine_tune_min_score"] = "95", ["pilot_examples"] = "200" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var page = await client.GetDocumentAsync("/admin/rules/preview");

        var published = RuleSetLoader.LoadDefault();
        var draft = await AdminRules.DraftAsync(_app);
        var latest = await AdminRules.QueryAsync(_app, db => db.Assessments.OrderByDescending(a => a.Id).Take(7).Select(a => new { a.PublicId, a.AnswersJson }).ToListAsync());
        var byHand = latest.Select(a =>
        {
            var answers = new AnswerSet(AnswersJson.Deserialize(a.AnswersJson));
            return (a.PublicId, From: RulesEngine.Evaluate(answers, published), To: RulesEngine.Evaluate(answers, draft));
        }).ToList();
        var changed = byHand.Where(x => x.From.Verdict != x.To.Verdict).ToList();
        Assert.NotEmpty(changed);

        Assert.Equal("7", page.QuerySelector(".impact-assessed")!.TextContent);
        Assert.Equal(changed.Count.ToString(CultureInfo.InvariantCulture), page.QuerySelector(".impact-changed")!.TextContent);
        var transitions = page.QuerySelectorAll("table.transitions tbody tr")
            .Select(tr => (tr.Children[0].GetAttribute("data-code"), tr.Children[1].GetAttribute("data-code"), int.Parse(tr.Children[2].TextContent, CultureInfo.InvariantCulture)))
            .OrderBy(t => t.Item1).ThenBy(t => t.Item2).ToList();
        var expected = changed.GroupBy(c => (c.From.Verdict, c.To.Verdict)).Select(g => ((string?)g.Key.Item1.Code(), (string?)g.Key.Item2.Code(), g.Count()))
            .OrderBy(t => t.Item1).ThenBy(t => t.Item2).ToList();
        Assert.Equal(expected, transitions);
        var links = page.QuerySelectorAll("table.affected a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(changed.Select(c => $"/admin/assessments/{c.PublicId}").Order(), links.Order());
        var shifts = page.QuerySelectorAll("table.criterion-shifts tbody td").Select(td => td.TextContent).ToList();
        var expectedShifts = Criteria.All.Select((c, i) => byHand.Average(x => (double)(x.To.Criteria[i].Score - x.From.Criteria[i].Score)))
            .Select(m => m.ToString("+0.0;-0.0;0", CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(expectedShifts, shifts);

        // An affected assessment opens read-only for admins by its public id.
        var view = await client.GetDocumentAsync(links[0]!);
        Assert.Contains(links[0]!.Split('/')[^1], view.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        // Read-only: no form but the navigation's sign-out.
        Assert.DoesNotContain(view.QuerySelectorAll("form"), f => f.GetAttribute("action") != "/admin/signout");
        Assert.DoesNotContain("/a/", view.DocumentElement.OuterHtml, StringComparison.Ordinal);
        using var unknown = await client.GetAsync("/admin/assessments/nope");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Preview_WithoutDraft_SaysThereIsNothingToPreview()
    {
        var client = await _app.CreateAdminClientAsync();

        var page = await client.GetDocumentAsync("/admin/rules/preview");

        Assert.Contains("There is no draft", page.QuerySelector(".lead")!.TextContent, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => page.FindButton("Publish"));
    }

    [Fact]
    public async Task Overview_Counts_MatchTheStoredData()
    {
        // One from long ago: counted by verdict, outside the twelve weeks.
        await ApiAssessments.CreateAsync(_app.CreateClient(), Answers.StrongCase());
        await CreateAssessmentsAsync();
        _time.SetUtcNow(Start.AddDays(40));
        var client = await _app.CreateAdminClientAsync();

        var page = await client.GetDocumentAsync("/admin");

        var stored = await AdminRules.QueryAsync(_app, db => db.Assessments.Select(a => new { a.Verdict, a.CreatedAt, a.ResultJson }).ToListAsync());
        Assert.Equal(stored.Count.ToString(CultureInfo.InvariantCulture), page.QuerySelector(".total-assessments")!.TextContent);
        var verdicts = Rows(page, "chart-verdicts");
        Assert.Equal(Verdicts.All.Select(v => (v.Headline, stored.Count(s => s.Verdict == v.Code))), verdicts);

        var weekStart = Web.Pages.Admin.IndexModel.WeekStart(Start.AddDays(40).UtcDateTime).AddDays(-77);
        var weeks = Rows(page, "chart-weeks");
        Assert.Equal(12, weeks.Count);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => stored.Count(s => s.CreatedAt >= weekStart.AddDays(7 * i) && s.CreatedAt < weekStart.AddDays(7 * i + 7))),
            weeks.Select(w => w.Count));
        Assert.Equal(stored.Count - 1, weeks.Sum(w => w.Count));

        var blockers = stored.Where(s => s.CreatedAt >= weekStart)
            .SelectMany(s => JsonDocument.Parse(s.ResultJson).RootElement.GetProperty("firedRules").EnumerateArray())
            .Where(r => r.GetProperty("effect").GetString() == "blocker")
            .GroupBy(r => r.GetProperty("id").GetString()!)
            .Select(g => (g.Key, g.Count()))
            .OrderByDescending(b => b.Item2).ThenBy(b => b.Key, StringComparer.Ordinal)
            .ToList();
        Assert.True(blockers.Count >= 3);
        Assert.Equal(blockers, Rows(page, "chart-blockers"));
        Assert.NotNull(page.QuerySelector("svg[role=img][aria-labelledby='chart-verdicts-title']"));
    }

    private static List<(string Label, int Count)> Rows(AngleSharp.Html.Dom.IHtmlDocument page, string id) =>
        [.. page.QuerySelectorAll($"table#{id} tbody tr").Select(tr => (tr.Children[0].TextContent, int.Parse(tr.Children[1].TextContent, CultureInfo.InvariantCulture)))];
}
