using System.Globalization;
using TalentFlow.Contracts.Jobs;
using TalentFlow.Contracts.Matching;
using TalentFlow.ML.Requirements;

namespace TalentFlow.Grains.Jobs;

/// <summary>
/// The job's requirements: proposed from the posting (<see cref="RequirementProposer"/>) until a recruiter sets them, judged
/// against every resume screened (<see cref="RequirementEvidenceFinder"/>); a knockout the resume does not prove forces REJECT.
/// </summary>
public sealed partial class JobGrain : IJobRequirementsGrain
{
    private static readonly RequirementProposer Proposer = new();
    private static readonly RequirementEvidenceFinder EvidenceFinder = new();

    /// <inheritdoc />
    public Task<JobRequirements> GetRequirementsAsync(CancellationToken cancellationToken = default)
    {
        RequirePosting();
        return Task.FromResult(CurrentRequirements());
    }

    /// <inheritdoc />
    public async Task<JobRequirements> SetRequirementsAsync(IReadOnlyList<JobRequirementInput> requirements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        RequirePosting();
        var parsed = ToModel(requirements);
        RequirementLimits.Validate(parsed);
        var previous = (state.State.Requirements, state.State.RequirementsEdited);
        (state.State.Requirements, state.State.RequirementsEdited) = ([.. parsed.Select(ToContract)], true);
        await WriteOrRestoreAsync(() => (state.State.Requirements, state.State.RequirementsEdited) = previous, cancellationToken).ConfigureAwait(true);
        // The requirements are part of the job's screening features.
        _screeningSide = null;
        return CurrentRequirements();
    }

    /// <inheritdoc />
    public Task<JobSettings> GetSettingsAsync(CancellationToken cancellationToken = default)
    {
        RequirePosting();
        return Task.FromResult(state.State.Settings ?? new JobSettings(BlindScreening: false));
    }

    /// <inheritdoc />
    public async Task<JobSettings> SetSettingsAsync(JobSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        RequirePosting();
        var previous = state.State.Settings;
        state.State.Settings = settings;
        await WriteOrRestoreAsync(() => state.State.Settings = previous, cancellationToken).ConfigureAwait(true);
        return settings;
    }

    /// <summary>The requirements to store with a new posting: proposed from it, unless a recruiter has set them.</summary>
    private List<JobRequirement>? RequirementsFor(JobPosting posting) =>
        state.State.RequirementsEdited ? state.State.Requirements : [.. Proposer.Propose(posting.Description).Select(ToContract)];

    private JobRequirements CurrentRequirements() => new(this.GetPrimaryKeyString(), state.State.Requirements ?? [], state.State.RequirementsEdited);

    /// <summary>
    /// Judges the requirements against <paramref name="resumeText"/> (masked already in blind screening) and adds the block to
    /// <paramref name="result"/>; a knockout not proven turns the decision into REJECT, with the reason.
    /// </summary>
    private async Task<ScreeningResult> WithRequirementsAsync(ScreeningResult result, string resumeText, CancellationToken cancellationToken)
    {
        if (state.State.Requirements is not { Count: > 0 } stored) return result;
        var requirements = stored.Select(ToModel).ToList();
        var report = await EvidenceFinder.AssessAsync(requirements, resumeText, models.Encoder?.Encoder, cancellationToken).ConfigureAwait(true);
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
