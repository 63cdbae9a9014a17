using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Tests.Api;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Pages.Results;

public sealed partial class ShowPageTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Get_AssessmentCreatedThroughApi_ShowsVerdictChartCriteriaAndNextSteps()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);
        var result = created.Body["result"]!;

        var page = await client.GetDocumentAsync($"/a/{created.ShareToken}");

        Assert.Equal("Fine-tune for production", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(result["readinessScore"]!.GetValue<int>().ToString(), page.QuerySelector(".score-number")!.TextContent.Trim());
        var chart = page.QuerySelector("svg.criteria-chart");
        Assert.NotNull(chart);
        Assert.Equal(14, chart.QuerySelectorAll(".chart-row").Length);

        var rows = page.QuerySelectorAll(".criteria-table tbody tr");
        Assert.Equal(14, rows.Length);
        var criteria = result["criteria"]!.AsArray();
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(criteria[i]!["score"]!.GetValue<int>().ToString(), rows[i].QuerySelector("td.num")!.TextContent.Trim());
            Assert.Contains(criteria[i]!["reason"]!.GetValue<string>(), rows[i].TextContent, StringComparison.Ordinal);
        }

        var steps = page.QuerySelectorAll(".plan-remove-first .step-text, .plan-then .step-text").Select(li => li.TextContent.Trim()).ToArray();
        Assert.NotEmpty(steps);
        Assert.Equal(result["nextSteps"]!.AsArray().Select(s => s!.GetValue<string>()), steps);
        Assert.Equal("Nothing blocks this plan.", page.QuerySelector(".plan-nothing-first")!.TextContent.Trim());
    }

    /// <summary>
    /// The reasons a PM repeats in a meeting, each once: a blocker that decides the verdict on its own line in the verdict
    /// card, every other rule that moved the score once in the for/against list, weight-0 notes and rule ids only in the
    /// collapsed "How this was scored", which lists every fired rule. The alternative that fits the verdict is marked.
    /// </summary>
    [Theory]
    [InlineData("data_rights=no", "Not ready to fine-tune yet", "rights-none", "", null)]
    [InlineData("change_frequency=daily;knowledge_vs_behavior=knowledge", "Combine retrieval and fine-tuning", "", "change-fast gap-knowledge", "Retrieval and fine-tuning together")]
    [InlineData("prompting_status=works_well", "Prompt engineering is enough", "", "prompting-works", "Prompt engineering")]
    [InlineData("", "Fine-tune for production", "", "", "Fine-tuning")]
    public async Task Get_SharePage_ListsEveryReasonOnceAndMarksTheFittingAlternative(
        string changes, string headline, string blockers, string against, string? recommended)
    {
        var answers = Answers.StrongCase();
        foreach (var change in changes.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (id, value) = (change.Split('=')[0], change.Split('=')[1]);
            answers[id] = value;
        }
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client, answers);

        var page = await client.GetDocumentAsync($"/a/{created.ShareToken}");

        Assert.Equal(headline, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(blockers, RuleIds(page, ".result-header .blocker-list li"));
        Assert.Equal(against, RuleIds(page, ".reason-list li.reason-against"));
        Assert.Contains("data-production-volume", RuleIds(page, ".reason-list li.reason-for").Split(' '));

        var fired = created.Body["result"]!["firedRules"]!.AsArray().Select(r => r!.AsObject()).ToList();
        var moved = fired.Where(r => r["contribution"]!.GetValue<double>() != 0).Select(r => r["id"]!.GetValue<string>());
        var shown = RuleIds(page, ".result-header .blocker-list li, .reason-list li").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(moved.Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));
        Assert.Equal(
            fired.Select(r => r["id"]!.GetValue<string>()),
            page.QuerySelectorAll("details.how-scored table.fired-rules tbody code").Select(c => c.TextContent));
        // Rule ids are for whoever opens "How this was scored", nowhere else.
        Assert.DoesNotContain(page.QuerySelectorAll("article.result code"), c => c.Closest("details.how-scored") is null);

        Assert.Equal(
            ["Prompt engineering", "Retrieval-augmented generation", "Retrieval and fine-tuning together", "Fine-tuning"],
            page.QuerySelectorAll(".alternatives dt").Select(dt => dt.TextContent.Trim()));
        var marked = page.QuerySelectorAll(".alternatives .recommended dt").Select(dt => dt.TextContent.Trim()).ToList();
        Assert.Equal(recommended is null ? [] : [recommended], marked);
    }

    /// <summary>"Not ready" with several blockers: the card lists each on its own line, not one paragraph.</summary>
    [Fact]
    public async Task Get_NotReadyWithThreeBlockers_ListsEachBlockerSeparatelyInTheCard()
    {
        var answers = Answers.StrongCase();
        (answers["data_rights"], answers["bias_risk"], answers["bias_mitigation"], answers["example_count"]) = ("no", "high", "none", "300");
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client, answers);
        var result = created.Body["result"]!;

        var page = await client.GetDocumentAsync($"/a/{created.ShareToken}");

        var expected = result["blockers"]!.AsArray().Select(b => b!["message"]!.GetValue<string>()).ToList();
        Assert.True(expected.Count >= 3, string.Join(" | ", expected));
        Assert.Equal(expected, page.QuerySelectorAll(".result-header .blocker-list li").Select(li => li.TextContent.Trim()));
        var why = page.QuerySelector(".result-header .verdict-reason")!.TextContent;
        Assert.Equal("Why: Fine-tuning waits until each of these is resolved:", why.Trim());
        Assert.Equal("not_ready", page.QuerySelector(".result-header")!.GetAttribute("data-verdict"));
    }

    /// <summary>
    /// The chart reads one way: every row has a neutral name (no "Rapidly changing information" beside a high score),
    /// the furthest from neutral first, with "against", "neutral" and "for" written on it; the score bar marks the pilot
    /// and production thresholds of the rules the result was scored with.
    /// </summary>
    [Fact]
    public async Task Get_SharePage_ChartUsesNeutralNamesSortedByImpactAndTheScoreBarMarksThresholds()
    {
        var answers = Answers.StrongCase();
        answers["change_frequency"] = "quarterly";
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client, answers);
        var criteria = created.Body["result"]!["criteria"]!.AsArray().ToDictionary(c => c!["id"]!.GetValue<string>(), c => c!["score"]!.GetValue<int>());

        var page = await client.GetDocumentAsync($"/a/{created.ShareToken}");

        var chart = page.QuerySelector("svg.criteria-chart")!;
        var rows = chart.QuerySelectorAll(".chart-row").Select(r => (Id: r.GetAttribute("data-criterion")!, Label: r.QuerySelector(".chart-label")!.TextContent, Score: int.Parse(r.QuerySelector(".chart-value")!.TextContent, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(14, rows.Count);
        Assert.All(rows, r => Assert.Equal(criteria[r.Id], r.Score));
        var distances = rows.Select(r => Math.Abs(r.Score - 50)).ToList();
        Assert.Equal(distances.OrderDescending(), distances);
        Assert.Equal("Information stability", rows.Single(r => r.Id == "rapidly_changing_information").Label);
        Assert.Equal("Data volume", rows.Single(r => r.Id == "limited_data").Label);
        Assert.Equal("Rights and compliance", rows.Single(r => r.Id == "ethical_compliance_risk").Label);
        Assert.DoesNotContain(rows, r => r.Label.Contains("Limited", StringComparison.Ordinal) || r.Label.Contains("Rapidly", StringComparison.Ordinal) || r.Label.Contains("risk", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["← against", "neutral (50)", "for fine-tuning →"], chart.QuerySelectorAll(".chart-axis text").Select(t => t.TextContent));

        var marks = page.QuerySelectorAll(".result-header .meter-label").Select(t => t.TextContent).ToList();
        var procedure = FineTuneAdvisor.Scoring.RuleSets.RuleSetLoader.LoadDefault().Procedure!;
        Assert.Equal([$"pilot {procedure.CaseMinScore}", $"production {procedure.FineTuneMinScore}"], marks);
    }

    private static string RuleIds(IDocument page, string selector) =>
        string.Join(' ', page.QuerySelectorAll(selector).Select(li => li.GetAttribute("data-rule")));

    [Theory]
    [InlineData("unknown")]
    [InlineData("too_short")]
    [InlineData("bad_chars")]
    [InlineData("one_kilobyte")]
    [InlineData("sql")]
    [InlineData("unicode")]
    [InlineData("empty")]
    public async Task Get_UnknownOrMalformedToken_IsTheSame404AsAnyUnknownToken(string kind)
    {
        var client = _app.CreateBrowserClient();
        await ApiAssessments.CreateAsync(client);
        using var reference = await client.GetAsync($"/a/{ShareTokens.Create().Token}");
        var expectedBody = WithoutReference(await reference.Content.ReadAsStringAsync());

        using var response = await client.GetAsync($"/a/{Uri.EscapeDataString(AssessmentsApiTests.SampleToken(kind))}");

        Assert.Equal(HttpStatusCode.NotFound, reference.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(expectedBody, WithoutReference(await response.Content.ReadAsStringAsync()));
        Assert.Equal(HeadersOf(reference), HeadersOf(response));
        Assert.Contains("This assessment is not shared", expectedBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_SharePage_IsNeverCachedIndexedOrReferred()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);

        using var response = await client.GetAsync($"/a/{created.ShareToken}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.Contains("noindex", string.Join(",", response.Headers.GetValues("X-Robots-Tag")), StringComparison.Ordinal);
        Assert.Contains("nofollow", string.Join(",", response.Headers.GetValues("X-Robots-Tag")), StringComparison.Ordinal);
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task GetAndHead_SharePageTwentyTimes_LeaveTheDatabaseUnchanged()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);
        var assessments = await DatabaseSnapshot.TakeAsync(_app, "Assessments");
        var drafts = await DatabaseSnapshot.TakeAsync(_app, "Drafts");

        for (var i = 0; i < 20; i++)
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
            {
                using var request = new HttpRequestMessage(method, $"/a/{created.ShareToken}");
                using var response = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        Assert.Equal(1, assessments.Rows);
        Assert.Equal(assessments, await DatabaseSnapshot.TakeAsync(_app, "Assessments"));
        Assert.Equal(drafts, await DatabaseSnapshot.TakeAsync(_app, "Drafts"));
    }

    /// <summary>Checklist C07: a share URL only answers GET and HEAD; OPTIONS and TRACE get 405, never 200 (or a crash).</summary>
    [Fact]
    public async Task Get_Repeated_ServesTheSamePageWithTheSameCapabilityHeaders()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);

        using var first = await client.GetAsync($"/a/{created.ShareToken}");
        using var second = await client.GetAsync($"/a/{created.ShareToken}");

        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        foreach (var response in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore);
            Assert.Contains("noindex", response.Headers.GetValues("X-Robots-Tag").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.False(response.Headers.Contains("Set-Cookie"));
        }
    }

    [Fact]
    public async Task Trace_SharePage_Is405AndChangesNothing()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);
        var before = await DatabaseSnapshot.TakeAsync(_app, "Assessments");

        using var request = new HttpRequestMessage(HttpMethod.Trace, $"/a/{created.ShareToken}");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(_app, "Assessments"));
    }

    /// <summary>ASP.NET Core 10 answers OPTIONS itself: an empty 200 listing the allowed methods, touching nothing.</summary>
    [Fact]
    public async Task Options_SharePage_ListsOnlyGetHeadPostWithAnEmptyBodyAndChangesNothing()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);
        var before = await DatabaseSnapshot.TakeAsync(_app, "Assessments");

        using var request = new HttpRequestMessage(HttpMethod.Options, $"/a/{created.ShareToken}");
        using var response = await client.SendAsync(request);

        Assert.Equal(["GET", "HEAD", "POST"], response.Content.Headers.Allow.Order());
        Assert.Empty(await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(_app, "Assessments"));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task WriteMethods_SharePage_AreRefusedAndChangeNothing(string method)
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);
        var before = await DatabaseSnapshot.TakeAsync(_app, "Assessments");

        using var request = new HttpRequestMessage(new HttpMethod(method), $"/a/{created.ShareToken}")
        {
            Content = new FormUrlEncodedContent([new("Verdict", "fine_tune"), new("ReadinessScore", "100")]),
        };
        using var response = await client.SendAsync(request);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.MethodNotAllowed, $"{method} answered {response.StatusCode}");
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(_app, "Assessments"));
    }

    [Fact]
    public async Task Get_SharePage_LoadsAndLinksNothingFromOtherOrigins()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);

        var page = await client.GetDocumentAsync($"/a/{created.ShareToken}");

        var origin = new Uri(page.Url);
        var urls = page.All
            .SelectMany(e => e.Attributes.Select(a => (Element: e.LocalName, a.Name, a.Value)))
            .Where(a => a.Name is "href" or "src" or "srcset" or "action" or "formaction" or "poster" or "data" or "xlink:href"
                || a.Value.Contains("//", StringComparison.Ordinal))
            .Where(a => a.Name != "xmlns")
            .ToList();
        Assert.NotEmpty(urls);
        Assert.All(urls, a =>
        {
            var target = new Uri(origin, a.Value);
            Assert.True(target.Scheme is "http" or "https" && target.Host == origin.Host && target.Port == origin.Port,
                $"<{a.Element} {a.Name}=\"{a.Value}\"> leaves the origin.");
        });
        Assert.Empty(page.QuerySelectorAll("iframe, object, embed, meta[http-equiv]"));
    }

    [Fact]
    public async Task Get_SharePage_ExposesNoIntegerIds()
    {
        var client = _app.CreateBrowserClient();
        // The third row: its database id (3) would be easy to spot.
        await ApiAssessments.CreateAsync(client);
        await ApiAssessments.CreateAsync(client);
        var created = await ApiAssessments.CreateAsync(client);

        using var response = await client.GetAsync($"/a/{created.ShareToken}");
        var html = await response.Content.ReadAsStringAsync();
        var page = await response.ReadDocumentAsync();

        var identifying = page.All.SelectMany(e => e.Attributes)
            .Where(a => a.Name is "id" or "name" or "value" or "href" or "src" or "action" or "formaction" || a.Name.StartsWith("data-", StringComparison.Ordinal))
            .ToList();
        Assert.All(identifying, a =>
        {
            Assert.False(IntegerValue().IsMatch(a.Value), $"{a.Name}=\"{a.Value}\" is an integer");
            Assert.False(IntegerPathSegmentOrQuery().IsMatch(a.Value), $"{a.Name}=\"{a.Value}\" carries an integer id");
        });
        Assert.DoesNotMatch(IdInText(), page.Body!.TextContent);
        Assert.DoesNotContain(created.Body["id"]!.GetValue<string>(), html, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s*\d+\s*$")]
    private static partial Regex IntegerValue();

    [GeneratedRegex(@"/\d+(?:[/?#]|$)|[?&][^=&#]*id=\d+", RegexOptions.IgnoreCase)]
    private static partial Regex IntegerPathSegmentOrQuery();

    [GeneratedRegex(@"\b(?:assessment|id)\s*(?:#|no\.?|number|:)\s*\d+", RegexOptions.IgnoreCase)]
    private static partial Regex IdInText();

    [GeneratedRegex(@"<p[^>]*>[^<]*reference[^<]*<code>[^<]*</code></p>", RegexOptions.IgnoreCase)]
    private static partial Regex ReferenceLine();

    private static string WithoutReference(string html) => ReferenceLine().Replace(html, "");

    private static string HeadersOf(HttpResponseMessage response) => Manage.OwnerPages.HeadersWithoutFramingOf(response);

    [Fact]
    public async Task SharePage_CaseChangedTokenAfterTheRealOneWasCached_Is404()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);
        using (var real = await client.GetAsync($"/a/{created.ShareToken}"))
        {
            Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        }

        var flipped = new string([.. created.ShareToken.Select(c => char.IsLower(c) ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c))]);
        using var response = await client.GetAsync($"/a/{flipped}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(created.ShareToken, await response.Content.ReadAsStringAsync());
    }
}
