using System.Globalization;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Contracts.Matching;
using TalentFlow.ML.Requirements;
using TalentFlow.ML.Encoders;

namespace TalentFlow.Grains.Jobs;

/// <summary>
/// A job's requirements: proposed from the posting (<see cref="RequirementProposer"/>) until a recruiter sets them, judged
/// against every resume screened (<see cref="RequirementEvidenceFinder"/>); a knockout the resume does not prove forces REJECT.
/// </summary>
internal static class RequirementsScreening
{
    private static readonly RequirementProposer Proposer = new();

    /// <summary>The requirements proposed from a posting's description.</summary>
    public static List<JobRequirement> Propose(JobPosting posting) => [.. Proposer.Propose(posting.Description).Select(ToContract)];

    /// <summary>Reads and validates a recruiter's list (see <see cref="ToModel(IReadOnlyList{JobRequirementInput})"/>).</summary>
    public static List<JobRequirement> Parse(IReadOnlyList<JobRequirementInput> inputs)
    {
        var parsed = ToModel(inputs);
        RequirementLimits.Validate(parsed);
        return [.. parsed.Select(ToContract)];
    }

    /// <summary>The requirements as the screening features see them.</summary>
    public static List<Requirement> ToModel(IEnumerable<JobRequirement> requirements) => [.. requirements.Select(ToModel)];

    /// <summary>
    /// Judges <paramref name="requirements"/> against <paramref name="resumeText"/> (masked already in blind screening) with
    /// <paramref name="finder"/> (its thresholds the silo's <c>Evidence:*</c>) and adds the
    /// block to <paramref name="result"/>; a knockout not proven turns the decision into REJECT, with the reason.
    /// </summary>
    public static async Task<ScreeningResult> JudgeAsync(RequirementEvidenceFinder finder, ScreeningResult result, IReadOnlyList<JobRequirement>? requirements, string resumeText, IEncoder? encoder,
        CancellationToken cancellationToken)
    {
        if (requirements is not { Count: > 0 } stored) return result;
        var report = await finder.AssessAsync(ToModel(stored), resumeText, encoder, cancellationToken).ConfigureAwait(true);
        var block = new ScreeningRequirements(
            [.. report.Items.Select(i => new RequirementResult(i.Requirement.Id, RequirementKinds.Name(i.Requirement.Kind), i.Requirement.Text, i.Requirement.Weight,
                StatusName(i.Status), [.. i.Evidence.Select(e => new RequirementEvidence(e.Sentence, e.Similarity, e.Basis))]))],
            report.MustHaveCoverage, report.NiceToHaveCoverage, [.. report.FailedKnockouts.Select(k => k.Requirement.Id)]);
        if (report.FailedKnockouts.Count == 0) return result with { Requirements = block };
        // The knockout decides whatever the score: the reason names it first, then the score's own reason.
        string reason = "knockout: " + string.Join("; ", report.FailedKnockouts.Select(k => k.Status == RequirementStatus.Missing
            ? $"\"{k.Requirement.Text}\" ({k.Requirement.Id}) not found in the resume"
            : string.Create(CultureInfo.InvariantCulture,
                $"\"{k.Requirement.Text}\" ({k.Requirement.Id}) not found in the resume in its own words (only partly, similarity {k.Evidence[0].Similarity:0.##})")))
            + (result.DecisionReason is { } scored ? " (" + scored + ")" : "");
        return result with { Requirements = block, Decision = "REJECT", DecisionReason = reason };
    }

    private static string StatusName(RequirementStatus status) => status switch
    {
        RequirementStatus.Met => "met",
        RequirementStatus.StatedElsewhere => "stated_elsewhere",
        _ => "missing",
    };

    private static JobRequirement ToContract(Requirement r) => new(r.Id, RequirementKinds.Name(r.Kind), r.Text, r.Weight);

    private static Requirement ToModel(JobRequirement r) =>
        new(r.Id, RequirementKinds.TryParse(r.Kind, out var kind) ? kind : RequirementKind.MustHave, r.Text, r.Weight);

    /// <summary>Reads a recruiter's list: kinds by name, texts trimmed, missing ids numbered after the largest <c>req-N</c>, missing weights by kind.</summary>
    private static List<Requirement> ToModel(IReadOnlyList<JobRequirementInput> inputs)
    {
        if (inputs.Count > RequirementLimits.MaxCount) throw new ArgumentException($"A job has at most {RequirementLimits.MaxCount} requirements; {inputs.Count} were given.");
        int next = 1 + inputs.Select(i => i?.Id is { } id && id.StartsWith("req-", StringComparison.Ordinal)
            && int.TryParse(id.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : 0).DefaultIfEmpty(0).Max();
        var list = new List<Requirement>(inputs.Count);
        for (int i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i] ?? throw new ArgumentException($"Requirement {i + 1} is null.");
            if (!RequirementKinds.TryParse(input.Kind, out var kind))
            {
                throw new ArgumentException($"Requirement {i + 1}'s kind must be {RequirementKinds.MustHave}, {RequirementKinds.NiceToHave} or {RequirementKinds.Knockout}; it is '{input.Kind}'.");
            }
            string id = string.IsNullOrEmpty(input.Id) ? "req-" + (next++).ToString(CultureInfo.InvariantCulture) : input.Id;
            list.Add(new Requirement(id, kind, input.Text?.Trim() ?? "", input.Weight ?? RequirementKinds.DefaultWeight(kind)));
        }
        return list;
    }
}
