using System.Text;
using System.Text.Json;
using FineTuneAdvisor.Web.Datasets;

namespace FineTuneAdvisor.Web.Tests.Datasets;

public sealed class DatasetAnalyzerTests
{
    [Fact]
    public async Task Analyze_ChatSample_CountsErrorsDuplicatesTokensAndEpochs()
    {
        var sample = Samples.Lines(
        [
            Samples.Chat("What are your opening hours?", "Nine to five, Monday to Friday.", "You are the shop's assistant."),
            """{"messages": [{"role": "user", "content": "Hello?"}]}""",
            "",
            Samples.Chat("Do you ship abroad?", "Yes, to every country in the EU."),
            Samples.Chat("what are your   OPENING hours?", "Nine to five, Monday to Friday.", "You are the shop's assistant."),
            Samples.Chat("Can I pay by card?", "Yes, all major cards."),
        ]);

        var report = await Samples.AnalyzeAsync(sample);

        Assert.Equal("chat_jsonl", report.Format);
        Assert.Equal(5, report.Examples);
        Assert.Equal(4, report.ValidExamples);
        Assert.Equal(6, report.Lines);
        Assert.Equal(1, report.FormatErrors["example_missing_assistant_message"]);
        Assert.Equal([2L], report.FormatErrorLines["example_missing_assistant_message"]);
        Assert.Equal(0, report.FormatErrors["data_type"]);
        Assert.Equal(1, report.Duplicates.Exact);
        Assert.Equal([new LinePair(5, 1)], report.Duplicates.ExactLines);
        Assert.Equal(2, report.Warnings["missing_system"]);
        Assert.Equal("o200k_base", report.Tokens.Encoding);
        Assert.Equal(report.Tokens.Total, report.BilledTokensPerEpoch);
        Assert.Equal(25, report.Epochs); // 4 valid examples: min(25, 100 // 4)
        Assert.Equal(25 * report.BilledTokensPerEpoch, report.BilledTrainingTokens);
        Assert.Equal(3, report.SuggestedAnswers["example_count"] is long n ? n : -1);
    }

    [Fact]
    public async Task Analyze_TokenDistribution_UsesNumpysLinearQuantiles()
    {
        // Eleven examples whose token counts differ: p10 and p90 are interpolated as np.quantile does.
        var lines = Enumerable.Range(1, 11).Select(i => Samples.Chat(string.Join(' ', Enumerable.Repeat("cat", i)), "ok"));

        var report = await Samples.AnalyzeAsync(Samples.Lines(lines));
        var d = report.Tokens.PerExample!;

        Assert.Equal(d.Min + 1, d.P10);
        Assert.Equal(d.Min + 5, d.Median);
        Assert.Equal(d.Max - 1, d.P90);
        Assert.Equal(10, d.Max - d.Min);
    }

    [Fact]
    public async Task Analyze_ExampleOverTheModelsLimit_IsCountedAndBilledAtTheLimit()
    {
        var model = TargetModels.Find("openai:gpt-3.5-turbo-0613")!;
        var longText = string.Join(' ', Enumerable.Repeat("antidisestablishmentarianism", 1000));
        var sample = Samples.Lines([Samples.Chat("short", "short"), Samples.Chat(longText, "ok")]);

        var report = await Samples.AnalyzeAsync(sample, model);

        Assert.Equal("cl100k_base", report.Tokens.Encoding);
        Assert.Equal(4096, report.TokenLimit);
        Assert.Equal(1, report.OverLimit);
        Assert.Equal([2L], report.OverLimitLines);
        Assert.Equal(report.Tokens.PerExample!.Min + 4096, report.BilledTokensPerEpoch);
    }

    [Fact]
    public async Task Analyze_PromptCompletionJsonl_IsDetectedAndNamed()
    {
        var report = await Samples.AnalyzeAsync("""
            {"prompt": "Translate: hello", "completion": "bonjour"}
            {"prompt": "Translate: thanks"}
            """);

        Assert.Equal("prompt_completion_jsonl", report.Format);
        Assert.Equal(1, report.ValidExamples);
        Assert.Equal([2L], report.FormatErrorLines["missing_completion"]);
    }

    [Fact]
    public async Task Analyze_Csv_ReadsQuotedMultiLineFieldsAndNamesPhysicalLines()
    {
        var csv = "Prompt,Completion,System\n" +
                  "\"Write a haiku\",\"An old silent pond\nA frog jumps into the pond\nSplash! Silence again.\",Be poetic\n" +
                  "\"Say hi\",\"hi, there\",\n" +
                  "\n" +
                  "\"No answer\",,\n";

        var report = await Samples.AnalyzeAsync(csv);

        Assert.Equal("csv", report.Format);
        Assert.Equal(3, report.Examples);
        Assert.Equal(2, report.ValidExamples);
        Assert.Equal([7L], report.FormatErrorLines["missing_completion"]);
        Assert.Equal(1, report.Variety.ExamplesWithSystemPrompt);
    }

    [Fact]
    public async Task Analyze_SemicolonCsv_IsReadToo()
    {
        var report = await Samples.AnalyzeAsync("prompt;completion\nhello;world\n");

        Assert.Equal(1, report.ValidExamples);
    }

    [Theory]
    [InlineData("hello world\nthis is prose\n", 1, "neither a JSON object (JSONL) nor a CSV header")]
    [InlineData("question,answer\nhi,yo\n", 1, "without a \"prompt\" column")]
    [InlineData("[\n{\"messages\": []}\n]\n", 1, "JSON array")]
    [InlineData("{\n  \"messages\": []\n}\n", 1, "not a complete JSON object")]
    [InlineData("\n\n", 1, "empty")]
    public async Task Analyze_NotASample_IsRefusedNamingTheLine(string text, long line, string message)
    {
        var error = await Assert.ThrowsAsync<DatasetInputException>(() => Samples.AnalyzeAsync(text));

        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task Analyze_DeepNestingOnALaterLine_IsRefusedNamingIt()
    {
        var sample = Samples.Lines([.. Samples.VariedChats(3), "{\"messages\": " + new string('[', 100) + new string(']', 100) + "}"]);

        var error = await Assert.ThrowsAsync<DatasetInputException>(() => Samples.AnalyzeAsync(sample));

        Assert.Equal(4, error.Line);
    }

    [Fact]
    public async Task Analyze_UnclosedCsvQuote_IsRefusedNamingWhereItOpened()
    {
        var csv = "prompt,completion\nhi,\"never closed\n" + string.Concat(Enumerable.Repeat(new string('x', 1000) + "\n", 1100));

        var error = await Assert.ThrowsAsync<DatasetInputException>(() => Samples.AnalyzeAsync(csv));

        Assert.Equal(2, error.Line);
        Assert.Contains("closing quote", error.Message);
    }

    [Fact]
    public async Task Analyze_NearDuplicates_AreFoundAndVarietyReflectsThem()
    {
        var random = new Random(3);
        var answers = Enumerable.Range(0, 40).Select(_ => Samples.Sentence(random, 60)).ToList();
        var lines = answers.Select((a, i) => Samples.Chat($"Question {i}?", a)).ToList();
        // Three rewrites of line 1's answer with one word changed each.
        lines.AddRange(Enumerable.Range(0, 3).Select(i => Samples.Chat("Question 0?", answers[0].Replace(answers[0].Split(' ')[10 + (10 * i)], "different", StringComparison.Ordinal))));

        var report = await Samples.AnalyzeAsync(Samples.Lines(lines));

        Assert.Equal(0, report.Duplicates.Exact);
        Assert.Equal(3, report.Duplicates.Near);
        Assert.Equal(1, report.Duplicates.NearClusters);
        Assert.Equal(0.8, report.Duplicates.NearThreshold);
        Assert.All(report.Duplicates.NearLines, pair => Assert.Equal(1, pair.SameAs));
        Assert.Equal(Math.Round(4 / 43d, 3), report.Variety.ClusteredShare);
    }

    [Fact]
    public async Task Analyze_PersonalData_IsCountedPerThousandAndOnlyMasked()
    {
        var lines = Samples.VariedChats(8).ToList();
        lines.Add(Samples.Chat("My card is 4111 1111 1111 1111", "Thanks, I will not store it."));
        lines.Add(Samples.Chat("Mail me at jane.doe@example.com", "Done."));

        var report = await Samples.AnalyzeAsync(Samples.Lines(lines));
        var json = JsonSerializer.Serialize(report);

        Assert.Equal(1, report.Pii["payment_card"]);
        Assert.Equal(1, report.Pii["email"]);
        var card = report.PiiDetails.Single(p => p.Kind == "payment_card");
        Assert.Equal(100, card.Per1000Examples);
        Assert.Equal([new MaskedSample(9, "**** **** **** 1111")], card.Samples);
        Assert.DoesNotContain("4111 1111", json);
        Assert.DoesNotContain("jane.doe", json);
        Assert.Equal("regulated", report.SuggestedAnswers["data_sensitivity"]);
        Assert.All(report.WithoutSamples().PiiDetails, p => Assert.Empty(p.Samples));
    }

    [Fact]
    public async Task Analyze_ManyBatches_GivesTheSameReportAsTheLinesWouldOneByOne()
    {
        // Over 256 KB: several batches on several threads, merged in order.
        var lines = Samples.VariedChats(3000).ToList();
        lines.Insert(2500, lines[10]);
        lines.Insert(2900, "{\"messages\": 5}");

        var report = await Samples.AnalyzeAsync(Samples.Lines(lines));

        Assert.True(report.Bytes > 600_000, $"{report.Bytes} bytes");
        Assert.Equal(3002, report.Examples);
        Assert.Equal(3001, report.ValidExamples);
        Assert.Equal([new LinePair(2501, 11)], report.Duplicates.ExactLines);
        Assert.Equal([2901L], report.FormatErrorLines["missing_messages_list"]);
        Assert.Equal(0, report.Duplicates.Near);
        Assert.Equal("broad", report.SuggestedAnswers["data_variety"]);
        Assert.Equal(3, report.Epochs);
    }

    [Fact]
    public async Task Analyze_Progress_ReportsBytesUpToTheTotal()
    {
        var bytes = Encoding.UTF8.GetBytes(Samples.Lines(Samples.VariedChats(2000)));
        var seen = new List<AnalysisProgress>();
        var progress = new SynchronousProgress(seen);

        await Samples.Analyzer.AnalyzeAsync(System.IO.Pipelines.PipeReader.Create(new MemoryStream(bytes)),
            new AnalysisRequest(TargetModels.Default, bytes.Length, bytes.Length), progress, CancellationToken.None);

        Assert.True(seen.Count >= 3, $"{seen.Count} progress reports");
        Assert.Equal(bytes.Length, seen[^1].BytesRead);
        Assert.Equal(100, seen[^1].Percent);
        Assert.Equal(2000, seen[^1].Examples);
    }

    private sealed class SynchronousProgress(List<AnalysisProgress> seen) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => seen.Add(value);
    }
}
