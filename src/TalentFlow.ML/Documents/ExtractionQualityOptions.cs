using System.ComponentModel.DataAnnotations;

namespace TalentFlow.ML.Documents;

/// <summary>
/// Thresholds <see cref="ExtractionQuality.Assess"/> applies to extracted text (configuration section <c>Uploads:Quality</c>
/// in the silo, validated at start-up; <see cref="Validate"/> for other hosts).
/// </summary>
public sealed class ExtractionQualityOptions
{
    /// <summary>
    /// A PDF holding images whose pages average fewer characters than this is a scan without a text layer
    /// (<see cref="DocumentErrorKind.NoText"/>). Default 40 (a page of a typed resume holds hundreds).
    /// </summary>
    [Range(0, 10_000)]
    public int MinCharactersPerPage { get; set; } = 40;

    /// <summary>
    /// Text whose share of implausible tokens (see <see cref="ExtractionQuality.GarbledShare"/>) is above this is
    /// <see cref="DocumentErrorKind.Garbled"/>. Default 0.4.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MaxGarbledShare { get; set; } = 0.4;

    /// <summary>Fewer tokens than this are not judged for garbling (too little evidence). Default 5.</summary>
    [Range(1, 1000)]
    public int MinTokensToJudge { get; set; } = 5;

    /// <summary>
    /// A page is read as two columns when at least this many of its lines (in <c>pdftotext -layout</c> output) have text on
    /// both sides of one gutter. Default 6.
    /// </summary>
    [Range(2, 1000)]
    public int MinColumnLines { get; set; } = 6;

    /// <summary>... and when those lines are at least this share of the page's non-empty lines. Default 0.4.</summary>
    [Range(0.0, 1.0)]
    public double MinColumnLineShare { get; set; } = 0.4;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a threshold is out of its range.</summary>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new ArgumentOutOfRangeException(nameof(ExtractionQualityOptions), string.Join(" ", results.Select(r => r.ErrorMessage)));
        }
    }
}
