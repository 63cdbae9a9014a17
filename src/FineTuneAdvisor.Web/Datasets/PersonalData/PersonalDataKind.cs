namespace FineTuneAdvisor.Web.Datasets.PersonalData;

public enum PersonalDataKind
{
    Email,
    Phone,
    PaymentCard,
    Iban,
    UsSsn,
    IpAddress,
}

public static class PersonalDataKinds
{
    public static readonly IReadOnlyList<PersonalDataKind> All = Enum.GetValues<PersonalDataKind>();

    /// <summary>The report's key: <c>email</c>, <c>phone</c>, <c>payment_card</c>, <c>iban</c>, <c>us_ssn</c>, <c>ip_address</c>.</summary>
    public static string Key(this PersonalDataKind kind) => kind switch
    {
        PersonalDataKind.Email => "email",
        PersonalDataKind.Phone => "phone",
        PersonalDataKind.PaymentCard => "payment_card",
        PersonalDataKind.Iban => "iban",
        PersonalDataKind.UsSsn => "us_ssn",
        PersonalDataKind.IpAddress => "ip_address",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Label(this PersonalDataKind kind) => kind switch
    {
        PersonalDataKind.Email => "E-mail addresses",
        PersonalDataKind.Phone => "Phone numbers",
        PersonalDataKind.PaymentCard => "Payment card numbers",
        PersonalDataKind.Iban => "IBANs (bank accounts)",
        PersonalDataKind.UsSsn => "US social security numbers",
        PersonalDataKind.IpAddress => "IP addresses",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Kinds whose mere presence makes data regulated (PCI DSS for cards; SSNs under US privacy law).</summary>
    public static bool IsRegulated(this PersonalDataKind kind) => kind is PersonalDataKind.PaymentCard or PersonalDataKind.UsSsn;
}

/// <summary>One finding: what it is, where in the text, a masked form to show, and a hash of the value to count distinct ones.</summary>
public readonly record struct PersonalDataMatch(PersonalDataKind Kind, int Index, int Length, string Masked, ulong ValueHash);
