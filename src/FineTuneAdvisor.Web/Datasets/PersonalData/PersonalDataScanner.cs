using System.Globalization;
using System.IO.Hashing;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace FineTuneAdvisor.Web.Datasets.PersonalData;

/// <summary>
/// Finds personal data in a text the way Microsoft Presidio's recognisers do: a pattern finds candidates, a check
/// keeps the real ones (Luhn and issuer prefix for cards, mod-97 for IBANs, issued ranges for SSNs, a parse for IP
/// addresses, Google's libphonenumber for phone numbers). Cheap tests run first (no '@', no digit: nothing to
/// do), so ordinary text costs one vectorised scan. Only masked forms leave this class.
/// </summary>
public static partial class PersonalDataScanner
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    // Where a number written without +country code is tried: North America first, then regions whose national
    // numbers start with a trunk 0 (the regions Presidio's phone recogniser supports).
    private static readonly string[] TrunkZeroRegions = ["GB", "DE", "FR", "IN", "BR", "IL"];

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63})*\.[A-Za-z]{2,24}(?![A-Za-z0-9\-])", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\d\-])\d(?:[ \-]?\d){12,18}(?![\d\-]?\d)", RegexOptions.CultureInvariant)]
    private static partial Regex CardPattern();

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b", RegexOptions.CultureInvariant)]
    private static partial Regex IbanPattern();

    [GeneratedRegex(@"(?<![\d\-])(\d{3})([\- ])(\d{2})\2(\d{4})(?![\d\-]?\d)", RegexOptions.CultureInvariant)]
    private static partial Regex SsnPattern();

    [GeneratedRegex(@"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\.?\d)", RegexOptions.CultureInvariant)]
    private static partial Regex IPv4Pattern();

    [GeneratedRegex(@"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])", RegexOptions.CultureInvariant)]
    private static partial Regex IPv6Pattern();

    [GeneratedRegex(@"(?<![\w+])(?:\+|\(?\d)[\d \t().\-]{5,22}\d(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneCandidatePattern();

    /// <summary>Appends every finding in <paramref name="text"/> to <paramref name="found"/>.</summary>
    public static void Scan(string text, List<PersonalDataMatch> found)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(found);
        var start = found.Count;
        if (text.Contains('@', StringComparison.Ordinal))
        {
            foreach (var match in EmailPattern().EnumerateMatches(text))
            {
                var value = text.AsSpan(match.Index, match.Length);
                found.Add(new(PersonalDataKind.Email, match.Index, match.Length, MaskEmail(value), Hash(value.ToString().ToLowerInvariant())));
            }
        }

        if (text.AsSpan().IndexOfAnyInRange('0', '9') < 0)
        {
            return;
        }

        foreach (var match in CardPattern().EnumerateMatches(text))
        {
            var digits = DigitsOf(text.AsSpan(match.Index, match.Length));
            if (Checksums.IsCardNumber(digits))
            {
                found.Add(new(PersonalDataKind.PaymentCard, match.Index, match.Length, $"**** **** **** {digits[^4..]}", Hash(digits)));
            }
        }

        foreach (var match in IbanPattern().EnumerateMatches(text))
        {
            var compact = text.AsSpan(match.Index, match.Length).ToString().Replace(" ", "", StringComparison.Ordinal);
            if (Checksums.IsIban(compact))
            {
                found.Add(new(PersonalDataKind.Iban, match.Index, match.Length, $"{compact[..2]}{new string('*', compact.Length - 4)}{compact[^2..]}", Hash(compact)));
            }
        }

        foreach (Match match in SsnPattern().Matches(text))
        {
            var area = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            var group = int.Parse(match.Groups[3].ValueSpan, CultureInfo.InvariantCulture);
            var serial = int.Parse(match.Groups[4].ValueSpan, CultureInfo.InvariantCulture);
            if (Checksums.IsSsn(area, group, serial) && !Overlaps(found, start, match.Index, match.Length))
            {
                found.Add(new(PersonalDataKind.UsSsn, match.Index, match.Length, "***-**-****", Hash(DigitsOf(match.ValueSpan))));
            }
        }

        if (text.Contains('.', StringComparison.Ordinal))
        {
            foreach (var match in IPv4Pattern().EnumerateMatches(text))
            {
                var value = text.AsSpan(match.Index, match.Length);
                if (IPAddress.TryParse(value, out var address) && IsPublicish(address))
                {
                    found.Add(new(PersonalDataKind.IpAddress, match.Index, match.Length, $"{value[..value.IndexOf('.')]}.*.*.*", Hash(value.ToString())));
                }
            }
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            foreach (var match in IPv6Pattern().EnumerateMatches(text))
            {
                var value = text.AsSpan(match.Index, match.Length);
                if (value.Count(':') >= 2 && IPAddress.TryParse(value, out var address)
                    && address.AddressFamily == AddressFamily.InterNetworkV6 && IsPublicish(address))
                {
                    found.Add(new(PersonalDataKind.IpAddress, match.Index, match.Length, $"{value[..value.IndexOf(':')]}:****:…", Hash(address.ToString())));
                }
            }
        }

        foreach (var match in PhoneCandidatePattern().EnumerateMatches(text))
        {
            if (Overlaps(found, start, match.Index, match.Length))
            {
                continue;
            }

            var candidate = text.AsSpan(match.Index, match.Length);
            var digits = DigitsOf(candidate);
            if (digits.Length is < 7 or > 15 || !TryPhone(candidate.ToString(), out var e164))
            {
                continue;
            }

            found.Add(new(PersonalDataKind.Phone, match.Index, match.Length, MaskPhone(candidate), Hash(e164)));
        }
    }

    private static bool TryPhone(string candidate, out string e164)
    {
        e164 = "";
        var regions = candidate.StartsWith('+') ? ["ZZ"] : candidate.TrimStart('(').StartsWith('0') ? TrunkZeroRegions : ["US"];
        foreach (var region in regions)
        {
            try
            {
                var number = Phones.Parse(candidate, region);
                if (Phones.IsValidNumber(number))
                {
                    e164 = Phones.Format(number, PhoneNumberFormat.E164);
                    return true;
                }
            }
            catch (NumberParseException)
            {
                // Not a number in this region: try the next.
            }
        }

        return false;
    }

    /// <summary>Loopback, unspecified and 0.x addresses name no one (and version strings like 0.1.2.3 look like them).</summary>
    private static bool IsPublicish(IPAddress address) =>
        !IPAddress.IsLoopback(address) && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.Any)
        && !(address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes()[0] == 0);

    private static bool Overlaps(List<PersonalDataMatch> found, int from, int index, int length)
    {
        for (var i = from; i < found.Count; i++)
        {
            var f = found[i];
            if (index < f.Index + f.Length && f.Index < index + length)
            {
                return true;
            }
        }

        return false;
    }

    private static string DigitsOf(ReadOnlySpan<char> text)
    {
        Span<char> digits = stackalloc char[text.Length];
        var n = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[n++] = c;
            }
        }

        return digits[..n].ToString();
    }

    /// <summary><c>j***@e***.com</c>: the first letter of each part and the top-level domain.</summary>
    public static string MaskEmail(ReadOnlySpan<char> email)
    {
        var at = email.IndexOf('@');
        var domain = email[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        return $"{email[0]}***@{domain[0]}***{domain[dot..]}";
    }

    /// <summary>Every digit but the last two hidden, the layout kept: <c>+** (***) ***-**71</c>.</summary>
    public static string MaskPhone(ReadOnlySpan<char> phone)
    {
        var total = 0;
        foreach (var c in phone)
        {
            if (char.IsAsciiDigit(c))
            {
                total++;
            }
        }

        var seen = 0;
        var masked = new char[phone.Length];
        for (var i = 0; i < phone.Length; i++)
        {
            var c = phone[i];
            masked[i] = char.IsAsciiDigit(c) && ++seen <= total - 2 ? '*' : c;
        }

        return new string(masked);
    }

    private static ulong Hash(string value) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(value.AsSpan()));
}
