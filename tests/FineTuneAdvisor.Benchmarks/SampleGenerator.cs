using System.Text;
using System.Text.Json;

namespace FineTuneAdvisor.Benchmarks;

/// <summary>
/// A deterministic chat JSONL sample of a given size that looks like support data: one of a few system prompts,
/// a question and an answer of varied length drawn from an English-like vocabulary, some numbers, a little
/// personal data and a few duplicates. Same seed, same bytes.
/// </summary>
public static class SampleGenerator
{
    private static readonly string[] SystemPrompts =
    [
        "You are a helpful support assistant for an online shop. Answer briefly and politely.",
        "You answer questions about our invoicing product. Use plain language and cite the help centre where useful.",
        "You are a travel agent's assistant. Be friendly, precise about dates and never invent prices.",
    ];

    public static byte[] ChatJsonl(long targetBytes, int seed = 42)
    {
        var random = new Random(seed);
        var words = Vocabulary(random, 6000);
        using var output = new MemoryStream((int)Math.Min(int.MaxValue, targetBytes + 4096));
        var previous = new List<byte[]>();
        while (output.Length < targetBytes)
        {
            byte[] line;
            if (previous.Count > 10 && random.NextDouble() < 0.01)
            {
                line = previous[random.Next(previous.Count)];
            }
            else
            {
                var user = Sentence(random, words, random.Next(8, 40));
                var answer = string.Join(' ', Enumerable.Range(0, random.Next(1, 6)).Select(_ => Sentence(random, words, random.Next(10, 60))));
                if (random.NextDouble() < 0.02)
                {
                    user += $" My e-mail is user{random.Next(100000)}@example.org and my number is +44 7400 {random.Next(100000, 999999)}.";
                }

                line = JsonSerializer.SerializeToUtf8Bytes(new
                {
                    messages = new object[]
                    {
                        new { role = "system", content = SystemPrompts[random.Next(SystemPrompts.Length)] },
                        new { role = "user", content = user },
                        new { role = "assistant", content = answer },
                    },
                });
                if (previous.Count < 1000)
                {
                    previous.Add(line);
                }
            }

            output.Write(line);
            output.WriteByte((byte)'\n');
        }

        return output.ToArray();
    }

    private static string[] Vocabulary(Random random, int size)
    {
        const string consonants = "bcdfghklmnprstvwz";
        const string vowels = "aeiou";
        var words = new HashSet<string>(StringComparer.Ordinal) { "the", "a", "to", "and", "of", "your", "order", "we", "is", "it", "can", "you" };
        while (words.Count < size)
        {
            var builder = new StringBuilder();
            for (var s = random.Next(1, 4); s > 0; s--)
            {
                builder.Append(consonants[random.Next(consonants.Length)]).Append(vowels[random.Next(vowels.Length)]);
            }

            words.Add(builder.ToString());
        }

        return [.. words];
    }

    /// <summary>Words by a Zipf-like law, so frequent words repeat as in real text.</summary>
    private static string Sentence(Random random, string[] words, int length)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            var index = (int)Math.Min(words.Length - 1, Math.Pow(words.Length, random.NextDouble()) - 1);
            builder.Append(words[index]);
            if (random.NextDouble() < 0.03)
            {
                builder.Append(' ').Append(random.Next(1, 5000));
            }

            builder.Append(i == length - 1 ? "." : random.NextDouble() < 0.08 ? ", " : " ");
        }

        builder[0] = char.ToUpperInvariant(builder[0]);
        return builder.ToString();
    }
}
