using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using TalentFlow.ML.Requirements;

namespace TalentFlow.Silo.Hosting;

/// <summary>
/// Binds the requirement-evidence thresholds (<see cref="RequirementEvidenceOptions"/>) from the <c>Evidence</c> section,
/// checked at start-up: a bad one stops the silo with a message naming its key (<c>Evidence:EvidenceThreshold must be
/// between 0.05 and 1.</c>).
/// </summary>
internal static class EvidenceOptionsSetup
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Evidence";

    public static IServiceCollection AddTalentFlowEvidence(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<RequirementEvidenceOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RequirementEvidenceOptions>, Validator>();
        return services;
    }

    private sealed class Validator : IValidateOptions<RequirementEvidenceOptions>
    {
        public ValidateOptionsResult Validate(string? name, RequirementEvidenceOptions options)
        {
            var results = new List<ValidationResult>();
            System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
            // "The field X must be between a and b." in the configuration's terms: the key, not the property.
            var failures = results.SelectMany(r => r.MemberNames.Select(m => $"{SectionName}:{m} " + Rule(r.ErrorMessage, m))).ToList();
            if (options.RelatedThreshold >= options.EvidenceThreshold)
            {
                failures.Add(FormattableString.Invariant(
                    $"{SectionName}:RelatedThreshold ({options.RelatedThreshold}) must be below {SectionName}:EvidenceThreshold ({options.EvidenceThreshold})."));
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        private static string Rule(string? message, string member) =>
            message?.Replace($"The field {member} ", "", StringComparison.Ordinal) ?? "is invalid.";
    }
}
