using System.ComponentModel.DataAnnotations;

namespace TalentFlow.Runtime.Hosting;

/// <summary>Which cluster a silo or client belongs to (Orleans: <c>ClusterOptions</c>).</summary>
public sealed class ClusterOptions
{
    /// <summary>Separates clusters that share a database: membership rows are per cluster. Default <c>dev</c>.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.-]{1,100}$")]
    public string ClusterId { get; set; } = "dev";

    /// <summary>Separates services that share a database: grain state and reminders are per service. Default <c>talentflow</c>.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.-]{1,100}$")]
    public string ServiceId { get; set; } = "talentflow";
}
