using TalentFlow.ML.Text;

namespace TalentFlow.ML.Recommendation.JobViews;

/// <summary>A job of the catalog, with the fields the recommenders use.</summary>
/// <param name="Id">Job.ID.</param>
/// <param name="Title">Title (e.g. "Line Cook @ Diner").</param>
/// <param name="Position">Position (e.g. "Line Cook").</param>
/// <param name="Company">Company.</param>
/// <param name="City">City.</param>
/// <param name="State">State code.</param>
public sealed record JobViewsJob(string Id, string Title, string Position, string Company, string City, string State)
{
    /// <summary>The text content recommenders compare with a user's text: title and position.</summary>
    public string Text => Title + " " + Position;

    /// <summary>Industry as exported (often "NA"); empty when the catalog has no such column.</summary>
    public string Industry { get; init; } = string.Empty;
}

/// <summary>One view of a job by an applicant.</summary>
/// <param name="User">Applicant.ID.</param>
/// <param name="Job">Job.ID (in the catalog).</param>
/// <param name="Start">View.Start as written (ISO-like text sorts by time); empty when unknown.</param>
public sealed record JobView(string User, string Job, string Start);

/// <summary>A line of an applicant's work history: a position held, and where.</summary>
/// <param name="User">Applicant.ID.</param>
/// <param name="Position">Position.Name.</param>
/// <param name="City">City (may be empty).</param>
/// <param name="State">State code (may be empty).</param>
public sealed record WorkHistoryEntry(string User, string Position, string City, string State);

/// <summary>
/// The job-views data in memory: the catalog, the views, and what applicants said about themselves (positions of interest,
/// work history). Built from a folder laid out as <c>../shared/data/job_views_interactions</c> by <see cref="Load"/>, or from
/// records (a User grain's state) by the constructor. Every view must name a catalog job.
/// </summary>
public sealed class JobViewsData
{
    /// <summary>Checks that every view names a catalog job; throws <see cref="InvalidDataException"/> (one line) otherwise.</summary>
    public JobViewsData(
        IReadOnlyList<JobViewsJob> jobs,
        IReadOnlyList<JobView> views,
        IReadOnlyList<(string User, string Position)> positionsOfInterest,
        IReadOnlyList<WorkHistoryEntry> workHistory)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(positionsOfInterest);
        ArgumentNullException.ThrowIfNull(workHistory);
        Jobs = jobs;
        Views = views;
        PositionsOfInterest = positionsOfInterest;
        WorkHistory = workHistory;
        var index = new Dictionary<string, int>(jobs.Count, StringComparer.Ordinal);
        for (var j = 0; j < jobs.Count; j++)
        {
            // The export has a few duplicated catalog rows; the first one wins, as in a dictionary built in file order.
            index.TryAdd(jobs[j].Id, j);
        }

        JobIndex = index;
        foreach (var view in views)
        {
            if (!index.ContainsKey(view.Job))
            {
                throw new InvalidDataException($"Job_Views.csv names job {view.Job}, which jobs_catalog.csv lacks");
            }
        }
    }

    /// <summary>The catalog in file order.</summary>
    public IReadOnlyList<JobViewsJob> Jobs { get; }

    /// <summary>Job.ID → index in <see cref="Jobs"/>.</summary>
    public IReadOnlyDictionary<string, int> JobIndex { get; }

    /// <summary>Views in file order.</summary>
    public IReadOnlyList<JobView> Views { get; }

    /// <summary>(Applicant.ID, Position.Of.Interest) rows.</summary>
    public IReadOnlyList<(string User, string Position)> PositionsOfInterest { get; }

    /// <summary>Work-history rows.</summary>
    public IReadOnlyList<WorkHistoryEntry> WorkHistory { get; }

    /// <summary>
    /// Reads <c>jobs_catalog.csv</c>, <c>Job_Views.csv</c>, <c>Positions_Of_Interest.csv</c> and <c>Experience.csv</c> from
    /// <paramref name="directory"/>. Only the id columns are required; others read as empty when absent.
    /// </summary>
    public static JobViewsData Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var jobs = CsvColumns.Read(Path.Combine(directory, "jobs_catalog.csv"), ["Job.ID", "Title", "Position", "Company", "City", "State.Code", "Industry"], 1)
            .Select(r => new JobViewsJob(r[0], r[1], r[2], r[3], r[4], r[5]) { Industry = r[6] }).ToList();
        var views = ReadViews(Path.Combine(directory, "Job_Views.csv"));
        var interests = CsvColumns.Read(Path.Combine(directory, "Positions_Of_Interest.csv"), ["Applicant.ID", "Position.Of.Interest"], 2)
            .Select(r => (r[0], r[1])).ToList();
        var history = CsvColumns.Read(Path.Combine(directory, "Experience.csv"), ["Applicant.ID", "Position.Name", "City", "State.Code"], 2)
            .Select(r => new WorkHistoryEntry(r[0], r[1], r[2], r[3])).ToList();
        return new JobViewsData(jobs, views, interests, history);
    }

    /// <summary>Reads views (Applicant.ID, Job.ID, optional View.Start) — the layout of Job_Views.csv and of a held-out test CSV.</summary>
    public static List<JobView> ReadViews(string path) =>
        CsvColumns.Read(path, ["Applicant.ID", "Job.ID", "View.Start"], 2).Select(r => new JobView(r[0], r[1], r[2])).ToList();
}
