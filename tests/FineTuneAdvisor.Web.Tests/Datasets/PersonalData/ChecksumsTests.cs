using FineTuneAdvisor.Web.Datasets.PersonalData;

namespace FineTuneAdvisor.Web.Tests.Datasets.PersonalData;

public sealed class ChecksumsTests
{
    [Theory]
    [InlineData("4111111111111111", true)]   // Visa test number
    [InlineData("5555555555554444", true)]   // Mastercard
    [InlineData("378282246310005", true)]    // American Express
    [InlineData("6011111111111117", true)]   // Discover
    [InlineData("4111111111111112", false)]  // one digit off: Luhn fails
    [InlineData("1000000000000008", false)]  // passes Luhn, but no card scheme starts with 1
    [InlineData("4111111111111", false)]     // Luhn fails at 13 digits
    [InlineData("5111111111111118", true)]
    [InlineData("511111111111111", false)]   // Mastercard is 16 digits
    public void IsCardNumber_KnowsRealNumbersFromLookalikes(string digits, bool expected)
    {
        Assert.Equal(expected, Checksums.IsCardNumber(digits));
    }

    [Theory]
    [InlineData("79927398713", true)]  // the classic Luhn example
    [InlineData("79927398710", false)]
    [InlineData("", false)]
    public void Luhn_ClassicExample(string digits, bool expected)
    {
        Assert.Equal(expected, Checksums.Luhn(digits));
    }

    [Theory]
    [InlineData("GB82WEST12345698765432", true)]
    [InlineData("DE89370400440532013000", true)]
    [InlineData("NL91ABNA0417164300", true)]
    [InlineData("GB82WEST12345698765433", false)]  // check digits no longer match: mod 97 ≠ 1
    [InlineData("DE8937040044053201300", false)]   // one character short for Germany
    [InlineData("XX82WEST12345698765432", false)]  // no such country
    public void IsIban_ChecksCountryLengthAndMod97(string iban, bool expected)
    {
        Assert.Equal(expected, Checksums.IsIban(iban));
    }

    [Theory]
    [InlineData(536, 22, 8461, true)]
    [InlineData(0, 12, 3456, false)]    // area 000 never issued
    [InlineData(666, 12, 3456, false)]  // area 666 never issued
    [InlineData(912, 34, 5678, false)]  // 900–999 are not SSNs
    [InlineData(536, 0, 8461, false)]   // group 00
    [InlineData(536, 22, 0, false)]     // serial 0000
    [InlineData(123, 45, 6789, false)]  // the example everyone uses
    [InlineData(78, 5, 1120, false)]    // the wallet-card number of 1938
    [InlineData(111, 11, 1111, false)]  // one digit repeated
    public void IsSsn_KnowsTheRangesNeverIssued(int area, int group, int serial, bool expected)
    {
        Assert.Equal(expected, Checksums.IsSsn(area, group, serial));
    }
}
