using FineTuneAdvisor.Web.Datasets.PersonalData;

namespace FineTuneAdvisor.Web.Tests.Datasets.PersonalData;

public sealed class PersonalDataScannerTests
{
    private static List<PersonalDataMatch> Scan(string text)
    {
        var found = new List<PersonalDataMatch>();
        PersonalDataScanner.Scan(text, found);
        return found;
    }

    private static PersonalDataMatch Single(string text, PersonalDataKind kind)
    {
        var found = Scan(text);
        var match = Assert.Single(found);
        Assert.Equal(kind, match.Kind);
        return match;
    }

    [Fact]
    public void Scan_Email_IsFoundAndMasked()
    {
        var match = Single("Write to jane.doe@example.com today.", PersonalDataKind.Email);

        Assert.Equal("j***@e***.com", match.Masked);
    }

    [Theory]
    [InlineData("Card: 4111 1111 1111 1111, exp 12/27", "**** **** **** 1111")]
    [InlineData("card 5555-5555-5555-4444.", "**** **** **** 4444")]
    [InlineData("amex 378282246310005", "**** **** **** 0005")]
    public void Scan_CardNumberPassingLuhn_IsFoundShowingOnlyTheLastFour(string text, string masked)
    {
        Assert.Equal(masked, Single(text, PersonalDataKind.PaymentCard).Masked);
    }

    [Theory]
    [InlineData("Order 4111 1111 1111 1112 shipped")]  // fails Luhn
    [InlineData("Tracking number 1000000000000008")]   // passes Luhn, no card scheme
    public void Scan_DigitRunsThatAreNotCards_AreNotCards(string text)
    {
        Assert.DoesNotContain(Scan(text), m => m.Kind == PersonalDataKind.PaymentCard);
    }

    [Fact]
    public void Scan_Iban_WithSpaces_IsFoundAndMasked()
    {
        var match = Single("Pay to GB82 WEST 1234 5698 7654 32 by Friday", PersonalDataKind.Iban);

        Assert.Equal("GB" + new string('*', 18) + "32", match.Masked);
    }

    [Fact]
    public void Scan_IbanWithWrongCheckDigits_IsNotAnIban()
    {
        Assert.DoesNotContain(Scan("Pay to GB82 WEST 1234 5698 7654 33"), m => m.Kind == PersonalDataKind.Iban);
    }

    [Theory]
    [InlineData("SSN 536-22-8461 on file", true)]
    [InlineData("SSN 536 22 8461 on file", true)]
    [InlineData("SSN 123-45-6789 (the example)", false)]
    [InlineData("SSN 666-22-8461", false)]
    [InlineData("part 536-22-84610", false)]
    [InlineData("mixed 536-22 8461", false)]
    public void Scan_UsSsn_OnlyInIssuedRanges(string text, bool found)
    {
        Assert.Equal(found, Scan(text).Exists(m => m.Kind == PersonalDataKind.UsSsn));
    }

    [Theory]
    [InlineData("from 203.0.113.7 at noon", true)]
    [InlineData("server 2001:db8::1 answered", true)]
    [InlineData("localhost 127.0.0.1", false)]
    [InlineData("version 1.2.3.4.5", false)]
    [InlineData("meet at 12:30:45", false)]
    [InlineData("256.1.1.1 is no address", false)]
    public void Scan_IpAddress_ParsesAndSkipsLoopback(string text, bool found)
    {
        Assert.Equal(found, Scan(text).Exists(m => m.Kind == PersonalDataKind.IpAddress));
    }

    [Theory]
    [InlineData("Call me on +44 7400 123456 tomorrow", "+** **** ****56")]
    [InlineData("Call (201) 555-0123 after 5", "(***) ***-**23")]
    [InlineData("Ring +1 201-555-0123", "+* ***-***-**23")]
    public void Scan_PhoneNumbers_AreValidatedByLibphonenumber(string text, string masked)
    {
        Assert.Equal(masked, Single(text, PersonalDataKind.Phone).Masked);
    }

    [Theory]
    [InlineData("The meeting is on 2024-01-15 at 10.30")]
    [InlineData("Version 3.14159 of the tool, build 20240115")]
    [InlineData("It costs 1,299.00 dollars; 12345 units sold")]
    [InlineData("Call 555-0100")]
    public void Scan_NumbersThatAreNotPhones_AreNotPhones(string text)
    {
        Assert.DoesNotContain(Scan(text), m => m.Kind == PersonalDataKind.Phone);
    }

    [Fact]
    public void Scan_PlainText_FindsNothing()
    {
        Assert.Empty(Scan("Thanks for asking! Our opening hours are nine to five on weekdays."));
    }

    [Fact]
    public void Scan_SameValueTwice_HasTheSameValueHash()
    {
        var found = Scan("a@example.com and A@Example.com");

        Assert.Equal(2, found.Count);
        Assert.Equal(found[0].ValueHash, found[1].ValueHash);
    }
}
