namespace FineTuneAdvisor.Web.Identity;

/// <summary>The <c>Admin</c> configuration section.</summary>
public sealed class AdminOptions
{
    /// <summary>The first admin, created at start-up when no admin exists yet (see docs/operations.md).</summary>
    public string? Email { get; set; }

    public string? Password { get; set; }

    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 5;

    /// <summary>How many of the latest stored assessments the impact preview re-scores (1–5,000).</summary>
    public int PreviewSize { get; set; } = 200;

    public int EffectivePreviewSize => Math.Clamp(PreviewSize, 1, 5000);
}
