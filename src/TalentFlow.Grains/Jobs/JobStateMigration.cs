using TalentFlow.Contracts.Matching;
using TalentFlow.Contracts.Training;
using TalentFlow.Hosting.Records;

namespace TalentFlow.Grains.Jobs;

/// <summary>
/// Converts a job stored by versions before results were records: results and verdicts inside the state row become one
/// <see cref="ScreeningRecord"/> per candidate (the verdicts in it then move on to the review grain, see
/// <see cref="IJobResultsGrain.GetReviewHandoverAsync"/>).
/// </summary>
internal static class JobStateMigration
{
    /// <summary>Writes the records, then clears the state row's copy; an interrupted run is finished by the next activation.</summary>
    public static async Task MoveResultsToRecordsAsync(string jobId, IPersistentState<JobState> state, IPersistentRecords<ScreeningRecord> results, CancellationToken cancellationToken)
    {
        if (state.State.Results is null && state.State.FeedbackHistory is null) return;
        var legacyResults = state.State.Results ?? [];
        var verdictsByCandidate = new Dictionary<string, List<FeedbackRecord>>(StringComparer.Ordinal);
        string prefix = ScreeningResult.IdOf(jobId, "");
        foreach (var verdict in state.State.FeedbackHistory ?? [])
        {
            string candidateId = verdict.ResultId.StartsWith(prefix, StringComparison.Ordinal) ? verdict.ResultId[prefix.Length..] : verdict.ResultId;
            if (!verdictsByCandidate.TryGetValue(candidateId, out var list)) verdictsByCandidate[candidateId] = list = [];
            list.Add(verdict);
        }
        foreach (string candidateId in legacyResults.Keys.Union(verdictsByCandidate.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            // Written by an earlier attempt that stopped before the state row: the record is as new or newer.
            if (results.Records.ContainsKey(candidateId)) continue;
            legacyResults.TryGetValue(candidateId, out var result);
            var verdicts = verdictsByCandidate.GetValueOrDefault(candidateId) ?? [];
            await results.WriteAsync(candidateId, new ScreeningRecord(result, verdicts), cancellationToken).ConfigureAwait(true);
        }
        (state.State.Results, state.State.FeedbackHistory) = (null, null);
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
    }
}
