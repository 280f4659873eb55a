using Microsoft.Extensions.Options;
using TalentFlow.ML.Documents;

namespace TalentFlow.Silo.Uploads;

/// <summary>
/// Registers <see cref="UploadOptions"/>, the extraction thresholds (<see cref="ExtractionQualityOptions"/>, section
/// <c>Uploads:Quality</c>) and the document limits (<see cref="DocumentReaderOptions"/>: <c>Uploads:Timeout</c>,
/// <c>Uploads:MaxPdfPages</c>, <c>Uploads:MaxDocxEntries</c>, ...), all validated at start-up, and the document reader
/// uploads go through. One section, so <c>Uploads:MaxBytes</c> is the file limit of the form and of the reader alike.
/// </summary>
internal static class UploadServiceCollectionExtensions
{
    /// <summary>The key of the upload <see cref="DocumentReader"/>: the upload limits, UTF-8 text only.</summary>
    public const string ReaderKey = "uploads";

    public static IServiceCollection AddTalentFlowUploads(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<UploadOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ExtractionQualityOptions>().Bind(section.GetSection("Quality")).ValidateDataAnnotations().ValidateOnStart();
        // Uploads are UTF-8 only: Latin-1 guessing is for old local files read by the CLI, never configurable here.
        services.AddOptions<DocumentReaderOptions>().Bind(section).PostConfigure(o => o.AcceptLatin1Text = false).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DocumentReaderOptions>, DocumentLimitsValidator>();
        services.AddKeyedSingleton(ReaderKey, (sp, _) => new DocumentReader(sp.GetRequiredService<IOptions<DocumentReaderOptions>>().Value));
        return services;
    }
}
