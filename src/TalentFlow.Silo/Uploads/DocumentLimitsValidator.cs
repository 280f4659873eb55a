using Microsoft.Extensions.Options;
using TalentFlow.ML.Documents;

namespace TalentFlow.Silo.Uploads;

/// <summary>
/// Checks the document limits bound from the <c>Uploads</c> section at start-up, naming each bad key as it is configured
/// (<c>Uploads:MaxPdfPages must be between 1 and 100000.</c>); the quality thresholds under <c>Uploads:Quality</c> are
/// checked by their own annotations, and <c>Uploads:MaxBytes</c> by <see cref="UploadOptions"/>'s.
/// </summary>
internal sealed class DocumentLimitsValidator : IValidateOptions<DocumentReaderOptions>
{
    public ValidateOptionsResult Validate(string? name, DocumentReaderOptions options)
    {
        // Uploads:MaxBytes binds here too; UploadOptions reports it (with its range), once.
        var failures = options.Violations().Where(v => v.Name != nameof(DocumentReaderOptions.MaxBytes)).Select(v => $"{UploadOptions.SectionName}:{v.Name} {v.Rule}.").ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
