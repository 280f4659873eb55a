using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TalentFlow.Grains.Review;

/// <summary>Registers the review workflow's options.</summary>
public static class ReviewServiceCollectionExtensions
{
    /// <summary>Binds nothing itself (the host binds section <see cref="ReviewOptions.SectionName"/>); validates <see cref="ReviewOptions"/> at start-up.</summary>
    public static OptionsBuilder<ReviewOptions> AddReviewOptions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddOptions<ReviewOptions>().ValidateDataAnnotations()
            .Validate(o => o.DefaultOverlap <= o.MaxOverlap, "Review:DefaultOverlap must not exceed Review:MaxOverlap.")
            .ValidateOnStart();
    }
}
