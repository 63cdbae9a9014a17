using System.Text.Json.Nodes;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Scoring.Tests.GoldenCases;
using FineTuneAdvisor.Scoring.Tests.Support;

namespace FineTuneAdvisor.Scoring.Tests.RuleSets;

public class RuleSetLoaderTests
{
    [Fact]
    public void LoadDefault_EmbeddedRuleSet_LoadsWithRulesAndRequiredParameters()
    {
        var ruleSet = RuleSetLoader.LoadDefault();

        Assert.True(ruleSet.Rules.Count >= Criteria.All.Count);
        Assert.All(RequiredParameters.Numbers.Select(n => n.Name).Append(RequiredParameters.RetrievalChangeFrequency),
            name => Assert.True(ruleSet.Parameters.ContainsKey(name), name));
        Assert.Equal((RuleSetLoader.SchemaVersion, 2), (ruleSet.SchemaVersion, ruleSet.Version));
        Assert.NotEmpty(ruleSet.Steps);
        Assert.All(ruleSet.Rules, r => Assert.Null(r.NextStep));
        Assert.Equal(ruleSet.Rules.Count, ruleSet.Rules.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Load_ValidJson_KeepsTheJsonExactlyForExport()
    {
        var json = RuleSetJson.Default().ToJsonString();

        var result = RuleSetLoader.Load(json);

        Assert.True(result.IsValid);
        Assert.Empty(result.Problems);
        Assert.Equal(json, result.RuleSet!.Json);
        Assert.Equal(RuleSetLoader.LoadDefault().Rules.Select(r => r.Id), result.RuleSet.Rules.Select(r => r.Id));
    }

    /// <summary>One rule set with many independent problems: every one is reported, each at its JSON path.</summary>
    [Fact]
    public void Load_ManyProblems_ReportsEveryProblemAtItsJsonPath()
    {
        const string ok = "\"id\": \"ok\", \"criterion\": \"specialized_domain\", \"effect\": \"support\", \"weight\": 1, \"message\": \"m\", \"citation\": \"Introduction\"";
        const string general = "\"when\": {\"question\": \"domain\", \"equals\": \"general\"}";
        var json = $$$"""
            {
              "schemaVersion": 2, "version": 3, "name": "Broken", "author": "someone", "steps": [],
              "parameters": {"pilot_examples": 10000, "production_examples": 10000, "retrieval_change_frequency": "daily",
                             "case_min_score": 60, "fine_tune_min_score": 75, "score_spread": 25, "criterion_spread": 6, "confidence_margin": 0.2,
                             "production_bonus_specialized": 1, "production_bonus_strict_format": 0.5, "quality_factor_raw": 0.5,
                             "quality_factor_partially_reviewed": 0.4, "quality_factor_curated": 1, "quality_factor_not_sure": 0.4},
              "rules": [
                { {{{ok}}}, {{{general}}} },
                { {{{ok}}}, {{{general}}} },
                { "id": "r2", "criterion": "cost", "effect": "oppose", "weight": 1, "message": "m", "citation": "Introduction", "when": {"question": "industry", "equals": "legal"} },
                { "id": "r3", "criterion": "cost", "effect": "oppose", "weight": 1, "message": "m", "citation": "Introduction", "when": {"question": "domain", "equals": "astrophysics"} },
                { "id": "r4", "criterion": "cost", "effect": "oppose", "weight": 1, "message": "m", "citation": "Introduction", "when": {"question": "example_count", "atLeast": -5} },
                { "id": "r5", "criterion": "vibes", "effect": "oppose", "weight": 1, "message": "m", "citation": "Introduction", {{{general}}} },
                { "id": "r6", "criterion": "cost", "effect": "oppose", "weight": 1, "message": "m", "citation": "Introduction", "colour": "red", {{{general}}} },
                { "id": "r7", "criterion": "cost", "effect": "oppose", "weight": 30, "message": "m", "citation": "Introduction", {{{general}}} },
                { "id": "r8", "criterion": "cost", "effect": "oppose", "weight": "NaN", "message": "m", "citation": "Introduction", {{{general}}} },
                { "id": "r9", "criterion": "cost", "effect": "oppose", "weight": 1, "citation": "Introduction", {{{general}}} },
                { "id": "r10", "criterion": "cost", "effect": "oppose", "weight": 1, "message": "m", "citation": "Introduction", "when": {"question": "example_count", "atLeast": {"param": "production_rows"}} },
                { "id": "r11", "criterion": "cost", "effect": "oppose", "weight": 1, "message": "Only {answer:use_case_summary}", "citation": "Introduction", {{{general}}} },
                { "id": "r12", "criterion": "cost", "effect": "oppose", "weight": 1, "message": "m", "citation": "Introduction", "when": {"question": "change_frequency", "between": ["daily", "weekly"]} },
                { "id": "r13", "criterion": "cost", "effect": "oppose", "weight": 1, "message": "m", "citation": "Introduction",
                  "when": {"all": [{"question": "domain", "equals": "general"}, {"not": {"question": "has_eval_set", "equals": "yes"}}]} },
                { "id": "r14", "criterion": "cost", "effect": "boost", "weight": 1, "message": "m", "citation": "Introduction", {{{general}}} }
              ]
            }
            """;

        var result = RuleSetLoader.Load(json);

        Assert.False(result.IsValid);
        Assert.Null(result.RuleSet);
        (string Path, string Fragment)[] expected =
        [
            ("$.author", "Unknown property"),
            ("$.parameters.pilot_examples", "must be below"),
            ("$.parameters.quality_factor_raw", "must not be above"),
            ("$.rules[1].id", "Duplicate rule id 'ok'"),
            ("$.rules[2].when.question", "Unknown question id 'industry'"),
            ("$.rules[3].when.equals", "'astrophysics' is out of range for 'domain'"),
            ("$.rules[4].when.atLeast", "'-5' is out of range for 'example_count'"),
            ("$.rules[5].criterion", "Unknown criterion 'vibes'"),
            ("$.rules[6].colour", "Unknown property"),
            ("$.rules[7].weight", "Must be from 0 to 25 (was 30)"),
            ("$.rules[8].weight", "Must be a number"),
            ("$.rules[9].message", "Required"),
            ("$.rules[10].when.atLeast.param", "Unknown parameter 'production_rows'"),
            ("$.rules[11].message", "Unknown placeholder '{answer:use_case_summary}'"),
            ("$.rules[12].when.between", "low end (daily) is above the high end (weekly)"),
            ("$.rules[13].when.all[1].not.equals", "'has_eval_set' takes true or false"),
            ("$.rules[14].effect", "Must be one of: support, oppose, blocker"),
        ];
        var missing = expected
            .Where(e => !result.Problems.Any(p => p.Path == e.Path && p.Message.Contains(e.Fragment, StringComparison.Ordinal)))
            .Select(e => $"{e.Path}: {e.Fragment}")
            .ToList();
        Assert.True(missing.Count == 0,
            $"not reported:{Environment.NewLine}{string.Join(Environment.NewLine, missing)}{Environment.NewLine}reported:{Environment.NewLine}{string.Join(Environment.NewLine, result.Problems)}");
        Assert.Equal(expected.Length, result.Problems.Count);
    }

    /// <summary>Each mutation of the default rule set and the rule it touches ("" for none).</summary>
    private static readonly Dictionary<string, (string RuleId, Action<JsonObject, JsonObject?> Break)> Mutations = new(StringComparer.Ordinal)
    {
        ["unknown question id"] = ("domain-specialized", (_, rule) => rule!["when"] = Node("""{"question": "industry", "equals": "legal"}""")),
        ["choice value out of range"] = ("domain-specialized", (_, rule) => rule!["when"]!["equals"] = "astrophysics"),
        ["integer above range"] = ("data-production-volume", (_, rule) => rule!["when"] = Node("""{"question": "example_count", "atLeast": 100000001}""")),
        ["integer below range"] = ("data-production-volume", (_, rule) => rule!["when"] = Node("""{"question": "example_count", "atLeast": -1}""")),
        ["boolean given a string"] = ("eval-set-missing", (_, rule) => rule!["when"]!["equals"] = "no"),
        ["choice given a number"] = ("domain-specialized", (_, rule) => rule!["when"]!["equals"] = 2),
        ["duplicate rule id"] = ("domain-general", (root, rule) => rule!["id"] = "domain-specialized"),
        ["unknown criterion"] = ("domain-specialized", (_, rule) => rule!["criterion"] = "vibes"),
        ["unknown rule property"] = ("domain-specialized", (_, rule) => rule!["colour"] = "red"),
        ["unknown top-level property"] = ("", (root, _) => root["author"] = "someone"),
        ["unknown condition property"] = ("domain-specialized", (_, rule) => rule!["when"] = Node("""{"question": "domain", "equal": "specialized"}""")),
        ["two operators"] = ("domain-specialized", (_, rule) => rule!["when"]!["oneOf"] = Node("""["specialized"]""")),
        ["weight above range"] = ("domain-specialized", (_, rule) => rule!["weight"] = 25.5),
        ["weight below range"] = ("domain-specialized", (_, rule) => rule!["weight"] = -1),
        ["weight as NaN string"] = ("domain-specialized", (_, rule) => rule!["weight"] = "NaN"),
        ["weight as numeric string"] = ("domain-specialized", (_, rule) => rule!["weight"] = "8"),
        ["weight missing"] = ("domain-specialized", (_, rule) => rule!.Remove("weight")),
        ["message missing"] = ("domain-specialized", (_, rule) => rule!.Remove("message")),
        ["message blank"] = ("domain-specialized", (_, rule) => rule!["message"] = "   "),
        ["message too long"] = ("domain-specialized", (_, rule) => rule!["message"] = new string('x', RuleSetLoader.MaxMessageLength + 1)),
        ["citation missing"] = ("domain-specialized", (_, rule) => rule!.Remove("citation")),
        ["condition missing"] = ("domain-specialized", (_, rule) => rule!.Remove("when")),
        ["unknown effect"] = ("domain-specialized", (_, rule) => rule!["effect"] = "boost"),
        ["unknown signal"] = ("domain-specialized", (_, rule) => rule!["signal"] = "vibes"),
        ["enabled not a boolean"] = ("domain-specialized", (_, rule) => rule!["enabled"] = "yes"),
        ["rule id badly formed"] = ("domain-specialized", (_, rule) => rule!["id"] = "Domain Specialised"),
        ["free-text question in a condition"] = ("domain-specialized", (_, rule) => rule!["when"] = Node("""{"question": "use_case_summary", "equals": "x"}""")),
        ["between low above high"] = ("change-stable", (_, rule) => rule!["when"] = Node("""{"question": "change_frequency", "between": ["daily", "weekly"]}""")),
        ["between with one value"] = ("change-stable", (_, rule) => rule!["when"] = Node("""{"question": "change_frequency", "between": ["daily"]}""")),
        ["empty any"] = ("change-stable", (_, rule) => rule!["when"] = Node("""{"any": []}""")),
        ["nested value out of range"] = ("bias-moderate-planned", (_, rule) => rule!["when"]!["all"]![0]!["oneOf"]![0] = "severe"),
        ["unknown parameter reference"] = ("data-production-volume", (_, rule) => rule!["when"] = Node("""{"question": "example_count", "atLeast": {"param": "production_rows"}}""")),
        ["text parameter on a number question"] = ("data-production-volume", (_, rule) => rule!["when"] = Node("""{"question": "example_count", "atLeast": {"param": "retrieval_change_frequency"}}""")),
        ["unknown placeholder in message"] = ("domain-specialized", (_, rule) => rule!["message"] = "Because {answer:use_case_summary}."),
        ["shortfall of a text parameter in a step"] = ("", (root, _) => RuleSetJson.Steps(root)[0]!["text"] = "Collect {shortfall:retrieval_change_frequency:example_count} more."),
        ["shortfall of a choice question in a step"] = ("", (root, _) => RuleSetJson.Steps(root)[0]!["text"] = "Collect {shortfall:production_examples:domain} more."),
        ["unknown placeholder in risk"] = ("budget-minimal", (_, rule) => rule!["risk"] = "Costs may exceed the {budget}."),
        ["pilot examples not below production"] = ("", (root, _) => root["parameters"]!["pilot_examples"] = 10000),
        ["quality factors out of order"] = ("", (root, _) => root["parameters"]!["quality_factor_raw"] = 0.5),
        ["quality factor above one"] = ("", (root, _) => root["parameters"]!["quality_factor_curated"] = 1.5),
        ["production examples out of range"] = ("", (root, _) => root["parameters"]!["production_examples"] = 0),
        ["required parameter missing"] = ("", (root, _) => root["parameters"]!.AsObject().Remove("fine_tune_min_score")),
        ["retrieval frequency not a choice"] = ("", (root, _) => root["parameters"]!["retrieval_change_frequency"] = "hourly"),
        ["parameter neither number nor string"] = ("", (root, _) => root["parameters"]!["extra"] = true),
        ["schema version unsupported"] = ("", (root, _) => root["schemaVersion"] = 3),
        ["schema version one"] = ("", (root, _) => root["schemaVersion"] = 1),
        ["next step in a rule"] = ("domain-specialized", (_, rule) => rule!["nextStep"] = "Do this."),
        ["unknown dimension"] = ("domain-specialized", (_, rule) => rule!["dimension"] = "vibes"),
        ["unknown measure"] = ("data-production-volume", (_, rule) => rule!["when"]!["measure"] = "rows"),
        ["measure compared with equals"] = ("data-production-volume", (_, rule) => rule!["when"] = Node("""{"measure": "effective_examples", "equals": 5}""")),
        ["measure compared with itself"] = ("data-production-volume", (_, rule) => rule!["when"] = Node("""{"measure": "effective_examples", "atLeast": {"measure": "effective_examples"}}""")),
        ["ramp from above to"] = ("limited-data", (_, rule) => rule!["ramp"] = Node("""{"measure": "effective_examples", "from": 1000, "to": 100}""")),
        ["ramp misshapen"] = ("limited-data", (_, rule) => rule!["ramp"] = "steep"),
        ["fired in a rule"] = ("domain-specialized", (_, rule) => rule!["when"] = Node("""{"fired": "domain-general"}""")),
        ["ordered comparison with not sure"] = ("change-stable", (_, rule) => rule!["when"] = Node("""{"question": "change_frequency", "atMost": "not_sure"}""")),
        ["steps missing"] = ("", (root, _) => root.Remove("steps")),
        ["step verdict unknown"] = ("", (root, _) => RuleSetJson.Steps(root)[0]!["verdicts"]![0] = "fine-tune"),
        ["step without verdicts"] = ("", (root, _) => RuleSetJson.Steps(root)[0]!["verdicts"] = new JsonArray()),
        ["step stage that never occurs"] = ("", (root, _) => RuleSetJson.Steps(root)[0]!["stages"] = Node("""["production"]""")),
        ["step group unknown"] = ("", (root, _) => RuleSetJson.Steps(root)[0]!["group"] = "first"),
        ["step fired unknown rule"] = ("", (root, _) => RuleSetJson.Steps(root)[0]!["when"] = Node("""{"fired": "nope"}""")),
        ["step resolves a sure question"] = ("", (root, _) => RuleSetJson.Steps(root)[0]!["resolves"] = "domain"),
        ["duplicate step id"] = ("", (root, _) => RuleSetJson.Steps(root)[1]!["id"] = "collect-pilot-data"),
        ["step text missing"] = ("", (root, _) => RuleSetJson.Steps(root)[0]!.AsObject().Remove("text")),
        ["version below one"] = ("", (root, _) => root["version"] = 0),
        ["no rules"] = ("", (root, _) => root["rules"] = new JsonArray()),
    };

    /// <summary>{r} stands for the JSON path of the mutated rule.</summary>
    public static TheoryData<string, string, string> BrokenRuleSets => new()
    {
        { "unknown question id", "{r}.when.question", "Unknown question id 'industry'" },
        { "choice value out of range", "{r}.when.equals", "'astrophysics' is out of range for 'domain'" },
        { "integer above range", "{r}.when.atLeast", "'100000001' is out of range for 'example_count', which takes a whole number from 0 to 100000000" },
        { "integer below range", "{r}.when.atLeast", "'-1' is out of range for 'example_count'" },
        { "boolean given a string", "{r}.when.equals", "'has_eval_set' takes true or false" },
        { "choice given a number", "{r}.when.equals", "'domain' takes one of general, business, specialized" },
        { "duplicate rule id", "{r}.id", "Duplicate rule id 'domain-specialized' (first used at $.rules[0])" },
        { "unknown criterion", "{r}.criterion", "Unknown criterion 'vibes'" },
        { "unknown rule property", "{r}.colour", "Unknown property" },
        { "unknown top-level property", "$.author", "Unknown property" },
        { "unknown condition property", "{r}.when.equal", "Unknown property" },
        { "two operators", "{r}.when", "Give exactly one of" },
        { "weight above range", "{r}.weight", "Must be from 0 to 25 (was 25.5)" },
        { "weight below range", "{r}.weight", "Must be from 0 to 25 (was -1)" },
        { "weight as NaN string", "{r}.weight", "Must be a number" },
        { "weight as numeric string", "{r}.weight", "Must be a number" },
        { "weight missing", "{r}.weight", "Required" },
        { "message missing", "{r}.message", "Required" },
        { "message blank", "{r}.message", "non-empty" },
        { "message too long", "{r}.message", "At most 500 characters (was 501)" },
        { "citation missing", "{r}.citation", "Required" },
        { "condition missing", "{r}.when", "Required" },
        { "unknown effect", "{r}.effect", "Must be one of: support, oppose, blocker" },
        { "unknown signal", "{r}.signal", "Must be one of: retrieval, prompting, behavior, pilot_first, feasibility" },
        { "enabled not a boolean", "{r}.enabled", "true or false" },
        { "rule id badly formed", "{r}.id", "lower-case" },
        { "free-text question in a condition", "{r}.when.question", "free text" },
        { "between low above high", "{r}.when.between", "The low end (daily) is above the high end (weekly)" },
        { "between with one value", "{r}.when.between", "two values" },
        { "empty any", "{r}.when.any", "non-empty array" },
        { "nested value out of range", "{r}.when.all[0].oneOf[0]", "'severe' is out of range for 'bias_risk'" },
        { "unknown parameter reference", "{r}.when.atLeast.param", "Unknown parameter 'production_rows'" },
        { "text parameter on a number question", "{r}.when.atLeast.param", "must be a whole number to compare with 'example_count'" },
        { "unknown placeholder in message", "{r}.message", "Unknown placeholder '{answer:use_case_summary}'" },
        { "shortfall of a text parameter in a step", "$.steps[0].text", "Unknown placeholder '{shortfall:retrieval_change_frequency:example_count}'" },
        { "shortfall of a choice question in a step", "$.steps[0].text", "Unknown placeholder '{shortfall:production_examples:domain}'" },
        { "unknown placeholder in risk", "{r}.risk", "Unknown placeholder '{budget}'" },
        { "pilot examples not below production", "$.parameters.pilot_examples", "must be below the rows for production" },
        { "quality factors out of order", "$.parameters.quality_factor_raw", "must not be above the factor for partly reviewed rows" },
        { "quality factor above one", "$.parameters.quality_factor_curated", "Must be a number from 0 to 1" },
        { "production examples out of range", "$.parameters.production_examples", "Must be a number from 1" },
        { "required parameter missing", "$.parameters.fine_tune_min_score", "Required" },
        { "retrieval frequency not a choice", "$.parameters.retrieval_change_frequency", "Must be one of rarely, quarterly, monthly, weekly, daily, realtime" },
        { "parameter neither number nor string", "$.parameters.extra", "finite number or a string" },
        { "schema version unsupported", "$.schemaVersion", "not supported" },
        { "schema version one", "$.schemaVersion", "Schema version 1 rule sets are no longer used" },
        { "next step in a rule", "{r}.nextStep", "Schema 2 keeps next steps in the top-level \"steps\" array" },
        { "unknown dimension", "{r}.dimension", "Must be one of: case, team" },
        { "unknown measure", "{r}.when.measure", "Unknown measure 'rows'" },
        { "measure compared with equals", "{r}.when", "Give exactly one of: atLeast, atMost, between" },
        { "measure compared with itself", "{r}.when.atLeast", "compared with itself" },
        { "ramp from above to", "{r}.ramp", "\"from\" (1,000) must be below \"to\" (100)" },
        { "ramp misshapen", "{r}.ramp", "A ramp must be an object" },
        { "fired in a rule", "{r}.when.fired", "Only a plan step's condition" },
        { "ordered comparison with not sure", "{r}.when.atMost", "'not_sure' has no place in the order of 'change_frequency'" },
        { "steps missing", "$.steps", "Required: an array of plan steps" },
        { "step verdict unknown", "$.steps[0].verdicts[0]", "Must be one of: fine_tune, pilot, rag, rag_and_fine_tune, prompt_engineering, not_ready" },
        { "step without verdicts", "$.steps[0].verdicts", "Name at least one verdict" },
        { "step stage that never occurs", "$.steps[0].stages[0]", "'production' never occurs with not_ready, rag" },
        { "step group unknown", "$.steps[0].group", "Must be one of: remove_first, then" },
        { "step fired unknown rule", "$.steps[0].when.fired", "Unknown rule id 'nope'" },
        { "step resolves a sure question", "$.steps[0].resolves", "'domain' has no unsure answer to resolve" },
        { "duplicate step id", "$.steps[1].id", "Duplicate step id 'collect-pilot-data' (first used at $.steps[0])" },
        { "step text missing", "$.steps[0].text", "Required" },
        { "version below one", "$.version", "1 or more" },
        { "no rules", "$.rules", "at least one rule" },
    };

    [Theory]
    [MemberData(nameof(BrokenRuleSets))]
    public void Load_BrokenDefault_IsRefusedNamingTheProblemAtItsPath(string mutation, string pathTemplate, string fragment)
    {
        var root = RuleSetJson.Default();
        var (ruleId, breakIt) = Mutations[mutation];
        var path = pathTemplate;
        JsonObject? rule = null;
        if (ruleId.Length > 0)
        {
            path = pathTemplate.Replace("{r}", $"$.rules[{RuleSetJson.IndexOf(root, ruleId)}]", StringComparison.Ordinal);
            rule = RuleSetJson.RuleOf(root, ruleId);
        }

        breakIt(root, rule);
        var result = RuleSetLoader.Load(root.ToJsonString());

        Assert.False(result.IsValid);
        Assert.Null(result.RuleSet);
        Assert.True(result.Problems.Any(p => p.Path == path && p.Message.Contains(fragment, StringComparison.Ordinal)),
            $"expected {path}: ...{fragment}... among:{Environment.NewLine}{string.Join(Environment.NewLine, result.Problems)}");
    }

    [Fact]
    public void BrokenRuleSets_EveryMutation_HasAnExpectation()
    {
        var covered = BrokenRuleSets.Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(Mutations.Keys.Order(StringComparer.Ordinal), covered.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{"schemaVersion": 1,}""")]
    [InlineData("// comment\n{\"schemaVersion\": 1}")]
    [InlineData("""{"weight": NaN}""")]
    [InlineData("not json")]
    public void Load_MalformedJson_IsRefusedAtTheRoot(string json)
    {
        var result = RuleSetLoader.Load(json);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("$", problem.Path);
        Assert.StartsWith("Not valid JSON", problem.Message, StringComparison.Ordinal);
        Assert.False(result.IsValid);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("null")]
    public void Load_JsonThatIsNotAnObject_IsRefusedAtTheRoot(string json)
    {
        var problem = Assert.Single(RuleSetLoader.Load(json).Problems);

        Assert.Equal(("$", "The rule set must be a JSON object."), (problem.Path, problem.Message));
    }

    [Fact]
    public void LoadOrThrow_BrokenRuleSet_ThrowsWithEveryProblemInTheMessage()
    {
        var root = RuleSetJson.Default();
        root["author"] = "someone";
        RuleSetJson.RuleOf(root, "domain-general")["weight"] = 99;

        var error = Assert.Throws<RuleSetException>(() => RuleSetLoader.LoadOrThrow(root.ToJsonString()));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("$.author: Unknown property", error.Message, StringComparison.Ordinal);
        Assert.Contains($"$.rules[{RuleSetJson.IndexOf(root, "domain-general")}].weight: Must be from 0 to 25 (was 99)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => RuleSetLoader.Load(null!));
    }

    /// <summary>Thresholds are parameters: with production at 5,000 rows, 6,000 curated examples count as production-sized.</summary>
    [Fact]
    public void Load_ProductionExamplesParameter_ChangesWhichRuleFiresFor6000Examples()
    {
        var answers = GoldenCaseFile.Named("customer-support-tone-2500").Answers.With("example_count", "6000");
        var root = RuleSetJson.Default();
        root["parameters"]!["production_examples"] = 5000;
        var tuned = RuleSetLoader.LoadOrThrow(root.ToJsonString());

        var byDefault = RulesEngine.Evaluate(answers, RuleSetLoader.LoadDefault());
        var afterTuning = RulesEngine.Evaluate(answers, tuned);

        Assert.Contains("data-toward-production", byDefault.FiredRules.Select(r => r.Id));
        Assert.DoesNotContain("data-production-volume", byDefault.FiredRules.Select(r => r.Id));
        Assert.Equal(Verdict.Pilot, byDefault.Verdict);
        Assert.Contains("data-production-volume", afterTuning.FiredRules.Select(r => r.Id));
        Assert.DoesNotContain("data-toward-production", afterTuning.FiredRules.Select(r => r.Id));
        Assert.Equal(Verdict.FineTune, afterTuning.Verdict);
        Assert.Contains("About 6,000 high-quality examples reach the 5,000 or so a robust production model needs for this task.", afterTuning.FiredRules.Select(r => r.Message));
    }

    [Fact]
    public void Load_PilotExamplesParameter_MovesTheLimitedDataBlocker()
    {
        var answers = GoldenCaseFile.Named("legal-contract-clause-extraction").Answers.With("example_count", "600");
        var root = RuleSetJson.Default();
        root["parameters"]!["pilot_examples"] = 500;

        var byDefault = RulesEngine.Evaluate(answers, RuleSetLoader.LoadDefault());
        var afterTuning = RulesEngine.Evaluate(answers, RuleSetLoader.LoadOrThrow(root.ToJsonString()));

        Assert.Equal(Verdict.NotReady, byDefault.Verdict);
        Assert.Contains(byDefault.Plan!.RemoveFirst, s => s.Text.Contains("collect or review about 400 more", StringComparison.Ordinal));
        Assert.DoesNotContain("limited-data", afterTuning.FiredRules.Select(r => r.Id));
        Assert.Contains("data-toward-production", afterTuning.FiredRules.Select(r => r.Id));
    }

    [Fact]
    public void Load_RetrievalFrequencyParameter_MovesTheRetrievalThreshold()
    {
        var answers = GoldenCaseFile.Named("legal-contract-clause-extraction").Answers.With("change_frequency", "weekly");
        var root = RuleSetJson.Default();
        root["parameters"]!["retrieval_change_frequency"] = "weekly";

        var byDefault = RulesEngine.Evaluate(answers, RuleSetLoader.LoadDefault());
        var afterTuning = RulesEngine.Evaluate(answers, RuleSetLoader.LoadOrThrow(root.ToJsonString()));

        Assert.Contains("change-weekly", byDefault.FiredRules.Select(r => r.Id));
        Assert.DoesNotContain("change-fast", byDefault.FiredRules.Select(r => r.Id));
        Assert.Contains("change-fast", afterTuning.FiredRules.Select(r => r.Id));
        Assert.DoesNotContain("change-weekly", afterTuning.FiredRules.Select(r => r.Id));
    }

    [Fact]
    public void Load_ScoreThresholdParameters_MoveTheVerdict()
    {
        var result = TestAnswers.CorpusResults.First(c => c.Result.Verdict == Verdict.FineTune && c.Result.ReadinessScore <= 98 && c.Result.CaseScore <= 98);
        var higherFineTuneBar = RuleSetJson.Default();
        higherFineTuneBar["parameters"]!["fine_tune_min_score"] = result.Result.ReadinessScore + 1;
        var higherCaseBar = RuleSetJson.Default();
        higherCaseBar["parameters"]!["case_min_score"] = result.Result.CaseScore + 1;

        Assert.Equal(Verdict.Pilot, RulesEngine.Evaluate(result.Answers, RuleSetLoader.LoadOrThrow(higherFineTuneBar.ToJsonString())).Verdict);
        Assert.Equal(Verdict.PromptEngineering, RulesEngine.Evaluate(result.Answers, RuleSetLoader.LoadOrThrow(higherCaseBar.ToJsonString())).Verdict);
    }

    /// <summary>Schema 1 (version 1 of the default, or an admin's tuning of it) is refused with one problem that says what to do.</summary>
    [Fact]
    public void Load_SchemaOneDocument_IsRefusedWithOneProblemThatSaysWhatToDo()
    {
        var result = RuleSetLoader.Load(VersionOne.Json);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("$.schemaVersion", problem.Path);
        Assert.Contains("re-apply your changes", problem.Message, StringComparison.Ordinal);
        Assert.Equal(1, RuleSetLoader.SchemaVersionOf(VersionOne.Json));
        Assert.Equal(2, RuleSetLoader.SchemaVersionOf(RuleSetLoader.DefaultJson()));
        Assert.Null(RuleSetLoader.SchemaVersionOf("not json"));
    }

    private static JsonNode Node(string json) => JsonNode.Parse(json)!;
}
