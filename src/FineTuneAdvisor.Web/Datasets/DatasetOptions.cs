using System.Globalization;

namespace FineTuneAdvisor.Web.Datasets;

/// <summary>The "Datasets" configuration section.</summary>
public sealed class DatasetOptions
{
    public const long DefaultMaxUploadBytes = 50L * 1024 * 1024;

    /// <summary>The largest sample accepted, in bytes (API body or multipart file, the page's upload or paste).</summary>
    public long MaxUploadBytes { get; set; } = DefaultMaxUploadBytes;

    /// <summary>Analyses running at once in this instance (API and page together); more get 429.</summary>
    public int MaxConcurrentAnalyses { get; set; } = 2;

    /// <summary>"50 MB", "1.5 MB", "2 KB", "900 bytes": how a limit reads in a message (binary units, as the default is 50 × 2^20).</summary>
    public static string Describe(long bytes)
    {
        if (bytes >= 1024 * 1024)
        {
            var mb = bytes / (1024d * 1024d);
            return string.Create(CultureInfo.InvariantCulture, $"{mb:0.##} MB");
        }

        return bytes >= 1024
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d:0.##} KB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
    }
}
