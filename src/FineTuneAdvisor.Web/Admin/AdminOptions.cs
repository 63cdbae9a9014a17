namespace FineTuneAdvisor.Web.Admin;

/// <summary>The <c>Admin</c> configuration section.</summary>
public sealed class AdminOptions
{
    /// <summary>How many of the latest stored assessments the impact preview re-scores (1–5,000).</summary>
    public int PreviewSize { get; set; } = 200;

    public int EffectivePreviewSize => Math.Clamp(PreviewSize, 1, 5000);
}
