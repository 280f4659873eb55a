using System.ComponentModel.DataAnnotations;

namespace TalentFlow.Grains.Careers;

/// <summary>Which career model silos serve (configuration section <c>Careers</c>).</summary>
public sealed class CareerOptions
{
    /// <summary>
    /// A model saved by <c>talentflow train career --output FILE</c>. Unset by default: each silo trains one at start-up on
    /// the generated sample data (six careers, about a second), with O*NET skills when <see cref="OnetDirectory"/> is set;
    /// answers then say <c>is_sample</c>. A missing or unreadable file fails start-up.
    /// </summary>
    public string? ModelPath { get; set; }

    /// <summary>
    /// An O*NET folder (<c>occupation_data.csv</c>, <c>technology_skills.csv</c>) for the sample model's skills, e.g.
    /// <c>../shared/data/onet_occupations_tech_skills</c>. Unset by default; ignored when <see cref="ModelPath"/> is set.
    /// </summary>
    public string? OnetDirectory { get; set; }

    /// <summary>Seed of the sample model. Default 0.</summary>
    [Range(0, int.MaxValue)]
    public int Seed { get; set; }
}
