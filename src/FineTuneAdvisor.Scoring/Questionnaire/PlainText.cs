using System.Globalization;
using System.Text;

namespace FineTuneAdvisor.Scoring.Questionnaire;

/// <summary>
/// The rules for free text people type and others read: answers, notes, rule names and messages. Any language, emoji,
/// tabs and line breaks are text. Control characters (NUL, escape, C1) are not: they break exports and terminals, and
/// a NUL cuts strings short in other tools. Invisible bidirectional controls (U+202A–U+202E, U+2066–U+2069, the marks
/// U+200E, U+200F, U+061C) are not either: they make text display differently from what it holds ("invoice‮txt.exe").
/// And text with nothing visible in it (zero-width spaces, fillers) counts as empty.
/// </summary>
public static class PlainText
{
    /// <summary>Null when <paramref name="text"/> may be stored; otherwise a message naming the first character that may not.</summary>
    public static string? Problem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return "The text holds half of a surrogate pair, which is not a character; remove it.";
            }

            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return $"Remove the control character {Code(c)}{(c == '\0' ? " (NUL)" : "")}: text cannot hold it.";
            }

            if (IsBidiControl(c))
            {
                return $"Remove the invisible text-direction control {Code(c)}: it makes text display differently from what it says.";
            }
        }

        return null;
    }

    /// <summary>True when nothing in <paramref name="text"/> would show: empty, spaces, or only invisible characters.</summary>
    public static bool IsBlank([System.Diagnostics.CodeAnalysis.NotNullWhen(false)] string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (!IsInvisible(rune))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsInvisible(Rune rune)
    {
        if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
        {
            return true;
        }

        // Hangul fillers and the blank Braille pattern render as nothing but are letters or symbols to Unicode.
        if (rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800)
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.EnclosingMark or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator;
    }

    private static bool IsBidiControl(char c) =>
        c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    private static string Code(char c) => $"U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)}";
}
