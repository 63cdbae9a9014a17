namespace FineTuneAdvisor.Web.Datasets.PersonalData;

/// <summary>The checks that tell a real card number, IBAN or SSN from a run of digits that only looks like one.</summary>
public static class Checksums
{
    /// <summary>The Luhn (mod 10) check of payment card numbers, over digits only.</summary>
    public static bool Luhn(ReadOnlySpan<char> digits)
    {
        if (digits.IsEmpty)
        {
            return false;
        }

        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (d is < 0 or > 9)
            {
                return false;
            }

            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>
    /// Issuer prefixes of the major card schemes (Visa 4; Mastercard 51–55 and 2221–2720; American Express 34, 37;
    /// Discover 6011, 644–649, 65; JCB 3528–3589; Diners 36, 38, 300–305; UnionPay 62) with their lengths. Together
    /// with Luhn this keeps order numbers and IDs out, which pass Luhn alone one time in ten.
    /// </summary>
    public static bool IsCardNumber(ReadOnlySpan<char> digits)
    {
        var length = digits.Length;
        if (length is < 13 or > 19 || !Luhn(digits))
        {
            return false;
        }

        var p2 = Prefix(digits, 2);
        var p3 = Prefix(digits, 3);
        var p4 = Prefix(digits, 4);
        return digits[0] switch
        {
            '4' => length is 13 or 16 or 19,
            '5' => p2 is >= 51 and <= 55 && length == 16,
            '2' => p4 is >= 2221 and <= 2720 && length == 16,
            '3' => (p2 is 34 or 37 && length == 15)
                || (p4 is >= 3528 and <= 3589 && length is >= 16 and <= 19)
                || ((p2 is 36 or 38 || p3 is >= 300 and <= 305) && length is >= 14 and <= 19),
            '6' => (p4 == 6011 || p2 == 65 || p3 is >= 644 and <= 649 || p2 == 62) && length is >= 16 and <= 19,
            _ => false,
        };
    }

    private static int Prefix(ReadOnlySpan<char> digits, int length) =>
        int.Parse(digits[..length], provider: System.Globalization.CultureInfo.InvariantCulture);

    // ISO 13616 lengths by country (SWIFT IBAN registry).
    private static readonly Dictionary<string, int> IbanLengths = new(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22,
        ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DK"] = 18, ["DO"] = 28,
        ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23,
        ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26,
        ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20,
        ["LV"] = 21, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NL"] = 18,
        ["NO"] = 15, ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["SA"] = 24,
        ["SC"] = 31, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["ST"] = 25, ["SV"] = 28, ["TL"] = 23, ["TN"] = 24,
        ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
    };

    /// <summary>An IBAN without spaces: a known country, its length, and the ISO 7064 mod-97 check (remainder 1).</summary>
    public static bool IsIban(ReadOnlySpan<char> iban)
    {
        if (iban.Length < 15 || !IbanLengths.TryGetValue(iban[..2].ToString(), out var length) || iban.Length != length
            || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]))
        {
            return false;
        }

        // Move the first four characters to the end, letters become 10–35, and take the remainder digit by digit.
        var remainder = 0;
        for (var i = 0; i < iban.Length; i++)
        {
            var c = iban[(i + 4) % iban.Length];
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }

    /// <summary>
    /// A US social security number that could have been issued: area not 000, 666 or 900–999, group not 00, serial
    /// not 0000, not one digit repeated, and not the numbers known from advertising and examples (078-05-1120,
    /// 219-09-9999, 123-45-6789).
    /// </summary>
    public static bool IsSsn(int area, int group, int serial)
    {
        if (area is 0 or 666 or >= 900 || group == 0 || serial == 0)
        {
            return false;
        }

        var text = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{area:000}{group:00}{serial:0000}");
        return text is not ("078051120" or "219099999" or "123456789") && text.AsSpan().IndexOfAnyExcept(text[0]) >= 0;
    }
}
