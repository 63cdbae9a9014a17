using System.Text;
using FineTuneAdvisor.Web.Datasets;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace FineTuneAdvisor.Web.Pages.Data;

/// <summary>The /data form: one file or pasted text (not both, not neither), within the limits, for a known model.</summary>
public sealed class AnalyzeInputValidator : AbstractValidator<IndexModel.InputModel>
{
    /// <summary>Pasting is for a quick look; a whole sample is uploaded as a file.</summary>
    public const int MaxPasteBytes = 1024 * 1024;

    public AnalyzeInputValidator(IOptions<DatasetOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limit = options.Value.MaxUploadBytes;
        RuleFor(i => i.File)
            .Must((input, file) => file is not null || !string.IsNullOrWhiteSpace(input.Text))
            .WithMessage("Choose a file to upload, or paste a few examples below.")
            .Must((input, file) => file is null || string.IsNullOrWhiteSpace(input.Text))
            .WithMessage("Upload a file or paste text, not both: clear the text box to analyse the file.")
            .Must(file => file is null || file.Length > 0)
            .WithMessage("The file is empty.")
            .Must(file => file is null || file.Length <= limit)
            .WithMessage($"The file is over the {DatasetOptions.Describe(limit)} limit. Upload a smaller sample: a few thousand examples are enough to measure it.");
        RuleFor(i => i.Text)
            .Must(text => text is null || Encoding.UTF8.GetByteCount(text) <= MaxPasteBytes)
            .WithMessage($"Paste at most {DatasetOptions.Describe(MaxPasteBytes)}; upload a file for a larger sample.");
        RuleFor(i => i.Model)
            .Must(model => TargetModels.Find(model) is not null)
            .WithMessage("Choose one of the models in the list.");
    }
}
