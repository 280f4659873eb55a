using System.ComponentModel.DataAnnotations;

namespace TalentFlow.Grains.Review;

/// <summary>Review workflow settings (configuration section <c>Review</c>), validated at start-up.</summary>
public sealed class ReviewOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Review";

    /// <summary>
    /// How many distinct reviewers each result needs when its job sets none. Default 1: one verdict is the label (the seed's
    /// behaviour); with 2 or more, a label reaches training only when that many reviewers agree or an adjudicator decides.
    /// </summary>
    [Range(1, 10)]
    public int DefaultOverlap { get; set; } = 1;

    /// <summary>The largest overlap a job may ask for. Default 5.</summary>
    [Range(1, 10)]
    public int MaxOverlap { get; set; } = 5;

    /// <summary>The most results one queue request returns. Default 100.</summary>
    [Range(1, 1000)]
    public int MaxQueueLimit { get; set; } = 100;
}
