using System.Globalization;
using System.Runtime.CompilerServices;
using TalentFlow.Contracts;
using TalentFlow.Contracts.Candidates;
using TalentFlow.Contracts.Jobs;

namespace TalentFlow.Client.Http;

public sealed partial class TalentFlowHttpClient
{
    /// <summary>
    /// One page of the stored jobs, in id order (<c>GET /api/v1/jobs?limit=&amp;cursor=</c>). Pass the page's
    /// <see cref="JobPage.NextCursor"/> to read the next one; it is null on the last page. <see cref="EnumerateJobsAsync"/> does that for you.
    /// </summary>
    /// <param name="limit">Jobs per page, 1–500. Default 50.</param>
    /// <param name="cursor">The previous page's <see cref="JobPage.NextCursor"/>; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowValidationException"><paramref name="limit"/> is out of range, or <paramref name="cursor"/> is not one the API returned.</exception>
    public Task<JobPage> ListJobsAsync(int limit = Paging.DefaultLimit, string? cursor = null, CancellationToken cancellationToken = default) =>
        GetAsync(PagePath("api/v1/jobs", limit, cursor), Json.JobPage, cancellationToken);

    /// <summary>
    /// Every stored job, in id order, read a page at a time as the caller enumerates (<see cref="ListJobsAsync"/>). A job
    /// created or deleted meanwhile is seen or not depending on where the enumeration is; none is returned twice.
    /// </summary>
    /// <param name="pageSize">Jobs per call, 1–500. Default 50.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <exception cref="TalentFlowValidationException"><paramref name="pageSize"/> is out of range.</exception>
    public async IAsyncEnumerable<JobSummary> EnumerateJobsAsync(int pageSize = Paging.DefaultLimit, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await ListJobsAsync(pageSize, cursor, cancellationToken).ConfigureAwait(false);
            foreach (var job in page.Items) yield return job;
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    /// <summary>
    /// One page of the stored candidates, in id order (<c>GET /api/v1/candidates?limit=&amp;cursor=</c>); deleted candidates
    /// are not listed. Pass the page's <see cref="CandidatePage.NextCursor"/> to read the next one; it is null on the last
    /// page. <see cref="EnumerateCandidatesAsync"/> does that for you.
    /// </summary>
    /// <param name="limit">Candidates per page, 1–500. Default 50.</param>
    /// <param name="cursor">The previous page's <see cref="CandidatePage.NextCursor"/>; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TalentFlowValidationException"><paramref name="limit"/> is out of range, or <paramref name="cursor"/> is not one the API returned.</exception>
    public Task<CandidatePage> ListCandidatesAsync(int limit = Paging.DefaultLimit, string? cursor = null, CancellationToken cancellationToken = default) =>
        GetAsync(PagePath("api/v1/candidates", limit, cursor), Json.CandidatePage, cancellationToken);

    /// <summary>Every stored candidate, in id order, read a page at a time as the caller enumerates (<see cref="ListCandidatesAsync"/>).</summary>
    /// <param name="pageSize">Candidates per call, 1–500. Default 50.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <exception cref="TalentFlowValidationException"><paramref name="pageSize"/> is out of range.</exception>
    public async IAsyncEnumerable<CandidateSummary> EnumerateCandidatesAsync(int pageSize = Paging.DefaultLimit, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await ListCandidatesAsync(pageSize, cursor, cancellationToken).ConfigureAwait(false);
            foreach (var candidate in page.Items) yield return candidate;
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    private static string PagePath(string route, int limit, string? cursor) =>
        route + "?limit=" + limit.ToString(CultureInfo.InvariantCulture) + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
}
