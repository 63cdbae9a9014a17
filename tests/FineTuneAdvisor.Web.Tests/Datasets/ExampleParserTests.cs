using System.Text;
using FineTuneAdvisor.Web.Datasets;

namespace FineTuneAdvisor.Web.Tests.Datasets;

/// <summary>Each of the notebook's format errors on a line crafted to show it, and nothing else.</summary>
public sealed class ExampleParserTests
{
    private static ParsedExample Parse(string line, DatasetFormat format = DatasetFormat.ChatJsonl)
    {
        var example = new ParsedExample();
        ExampleParser.ParseJsonLine(Encoding.UTF8.GetBytes(line), 7, format, example);
        return example;
    }

    private static Dictionary<FormatError, int> Errors(ParsedExample example) =>
        FormatErrors.All.Where(e => example.ErrorCounts[(int)e] > 0).ToDictionary(e => e, e => example.ErrorCounts[(int)e]);

    [Theory]
    [InlineData("""[{"role": "user", "content": "hi"}]""", FormatError.DataType)]
    [InlineData("\"just text\"", FormatError.DataType)]
    [InlineData("""{"prompt": "hi"}""", FormatError.MissingMessagesList)]
    [InlineData("""{"messages": []}""", FormatError.MissingMessagesList)]
    [InlineData("""{"messages": null}""", FormatError.MissingMessagesList)]
    [InlineData("""{"messages": "hi"}""", FormatError.MissingMessagesList)]
    [InlineData("""{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo", "temperature": 1}]}""", FormatError.MessageUnrecognizedKey)]
    [InlineData("""{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}, {"role": "robot", "content": "beep"}]}""", FormatError.UnrecognizedRole)]
    [InlineData("""{"messages": [{"role": "user", "content": ""}, {"role": "assistant", "content": "yo"}]}""", FormatError.MissingContent)]
    [InlineData("""{"messages": [{"role": "user", "content": 42}, {"role": "assistant", "content": "yo"}]}""", FormatError.MissingContent)]
    [InlineData("""{"messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hi"}]}""", FormatError.ExampleMissingAssistantMessage)]
    [InlineData("""{"messages": [{"role": "user", "content": "hi"}""", FormatError.InvalidJson)]
    [InlineData("""{"messages": [{"role": "user", "content": "\ud800"}, {"role": "assistant", "content": "yo"}]}""", FormatError.InvalidJson)]
    public void ParseJsonLine_CraftedLine_HasExactlyThatError(string line, FormatError expected)
    {
        var example = Parse(line);

        Assert.False(example.IsValid);
        Assert.Equal(new Dictionary<FormatError, int> { [expected] = 1 }, Errors(example));
    }

    [Fact]
    public void ParseJsonLine_MessageWithoutContent_IsMissingKeyAndMissingContent()
    {
        // The notebook checks both: "content" not in message, and content (None) is not a string.
        var example = Parse("""{"messages": [{"role": "user"}, {"role": "assistant", "content": "yo"}]}""");

        Assert.Equal(new Dictionary<FormatError, int> { [FormatError.MessageMissingKey] = 1, [FormatError.MissingContent] = 1 }, Errors(example));
    }

    [Fact]
    public void ParseJsonLine_MessageLevelErrors_CountOncePerMessage()
    {
        var example = Parse("""{"messages": [{"role": "user", "content": "a", "x": 1}, {"role": "assistant", "content": "b", "y": 2}]}""");

        Assert.Equal(2, example.ErrorCounts[(int)FormatError.MessageUnrecognizedKey]);
    }

    [Fact]
    public void ParseJsonLine_FunctionCallWithNullContent_IsMissingContentAsInTheNotebook()
    {
        // (not content and not function_call) is false, but content is not a str: the notebook still flags it.
        var example = Parse("""{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": null, "function_call": {"name": "f"}}]}""");

        Assert.Equal(new Dictionary<FormatError, int> { [FormatError.MissingContent] = 1 }, Errors(example));
    }

    [Fact]
    public void ParseJsonLine_FunctionCallWithEmptyContent_IsValidAndKeepsTheCall()
    {
        var example = Parse("""{"messages": [{"role": "user", "content": "hi", "name": "ann", "weight": 0}, {"role": "assistant", "content": "", "function_call": {"name": "f"}}]}""");

        Assert.True(example.IsValid);
        Assert.Equal("ann", example.Messages[0].Name);
        Assert.Equal("""{"name": "f"}""", example.Messages[1].FunctionCall);
    }

    [Fact]
    public void ParseJsonLine_ValidChat_KeepsEveryMessage()
    {
        var example = Parse(Samples.Chat("What is 2+2?", "4", "Be brief."));

        Assert.True(example.IsValid);
        Assert.Equal(["system", "user", "assistant"], example.Messages.Select(m => m.Role));
    }

    [Theory]
    [InlineData("""{"prompt": "hi", "completion": "yo"}""", null)]
    [InlineData("""{"completion": "yo"}""", FormatError.MissingPrompt)]
    [InlineData("""{"prompt": "hi", "completion": ""}""", FormatError.MissingCompletion)]
    [InlineData("""{"prompt": 3, "completion": "yo"}""", FormatError.MissingPrompt)]
    [InlineData("""{"prompt": [{"role": "user", "content": "hi"}], "completion": [{"role": "user", "content": "again"}]}""", FormatError.ExampleMissingAssistantMessage)]
    [InlineData("""[1]""", FormatError.DataType)]
    public void ParseJsonLine_PromptCompletion_ChecksBothSides(string line, FormatError? expected)
    {
        var example = Parse(line, DatasetFormat.PromptCompletionJsonl);

        if (expected is null)
        {
            Assert.True(example.IsValid);
            Assert.Equal(["user", "assistant"], example.Messages.Select(m => m.Role));
        }
        else
        {
            Assert.Equal(new Dictionary<FormatError, int> { [expected.Value] = 1 }, Errors(example));
        }
    }

    [Fact]
    public void ParseJsonLine_DeepNesting_IsRefusedNamingTheLine()
    {
        var line = new string('[', 200) + new string(']', 200);

        var error = Assert.Throws<DatasetInputException>(() => Parse("""{"messages": """ + line + "}"));

        Assert.Equal(7, error.Line);
        Assert.Contains("Line 7", error.Message);
        Assert.Contains("64 levels", error.Message);
    }

    [Fact]
    public void NestingDepth_IgnoresBracketsInsideStrings()
    {
        Assert.Equal(2, ExampleParser.NestingDepth("""{"a": ["[[[[", "\"{{"]}"""u8));
    }

    [Fact]
    public void FormatErrors_Keys_AreTheNotebooksNames()
    {
        Assert.Equal(
            ["data_type", "missing_messages_list", "message_missing_key", "message_unrecognized_key", "unrecognized_role", "missing_content", "example_missing_assistant_message"],
            FormatErrors.All.Take(7).Select(e => e.Key()));
    }
}
