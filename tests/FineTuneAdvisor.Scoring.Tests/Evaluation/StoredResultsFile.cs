namespace FineTuneAdvisor.Scoring.Tests.Evaluation;

/// <summary>
/// Results exactly as the web stored them before verdict, effect, signal and group became enums: one golden case
/// per verdict, written by the old code with <c>JsonSerializerDefaults.Web</c> (the web's options). Each line is
/// <c>{"case":"name","result":RESULT}</c>; RESULT is kept byte for byte.
/// </summary>
public static class StoredResultsFile
{
    public static string FilePath { get; } = Path.Combine(AppContext.BaseDirectory, "Evaluation", "StoredResults", "before-typed-enums.jsonl");

    public static IReadOnlyList<(string Case, string ResultJson)> Read()
    {
        const string resultKey = ",\"result\":";
        return [.. File.ReadAllLines(FilePath).Where(l => l.Length > 0).Select(line =>
        {
            var split = line.IndexOf(resultKey, StringComparison.Ordinal);
            var name = System.Text.Json.JsonSerializer.Deserialize<string>(line["{\"case\":".Length..split])!;
            return (name, line[(split + resultKey.Length)..^1]);
        })];
    }
}
