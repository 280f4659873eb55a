using Microsoft.Extensions.Options;
using TalentFlow.ML.Documents;

namespace TalentFlow.Silo.Uploads;

/// <summary>
/// Registers <see cref="UploadOptions"/> and the extraction thresholds (<see cref="ExtractionQualityOptions"/>, section
/// <c>Uploads:Quality</c>), both validated at start-up, and the document reader uploads go through.
/// </summary>
internal static class UploadServiceCollectionExtensions
{
    /// <summary>The key of the upload <see cref="DocumentReader"/>: the upload limit, UTF-8 text only.</summary>
    public const string ReaderKey = "uploads";

    public static IServiceCollection AddTalentFlowUploads(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<UploadOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ExtractionQualityOptions>().Bind(section.GetSection("Quality")).ValidateDataAnnotations().ValidateOnStart();
        services.AddKeyedSingleton(ReaderKey, (sp, _) => new DocumentReader(new DocumentReaderOptions
        {
            MaxBytes = sp.GetRequiredService<IOptions<UploadOptions>>().Value.MaxBytes,
            AcceptLatin1Text = false,
            Quality = sp.GetRequiredService<IOptions<ExtractionQualityOptions>>().Value,
        }));
        return services;
    }
}
