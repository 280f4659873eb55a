using System.Net.Http.Headers;
using System.Text;

namespace TalentFlow.Silo.Tests.Telemetry;

/// <summary>What the telemetry tests send and read: an upload that is screened, and the metric families of a Prometheus scrape.</summary>
internal static class TelemetryRequests
{
    private const string Resume = "Skills\nPython, pandas, SQL, machine learning\nExperience\nData Scientist, Contoso, 2019 - 2024\nEducation\nMaster of Science in Statistics";

    /// <summary>A resume upload for the sample job <c>sample-job-2</c>.</summary>
    public static MultipartFormDataContent Upload()
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("sample-job-2"), "job_id" },
            { new StringContent("Pat Telemetry"), "candidate_name" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Resume));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "resume.txt");
        return form;
    }

    /// <summary>The metric family names a Prometheus text exposition declares (its <c># TYPE name kind</c> lines).</summary>
    public static IReadOnlySet<string> Families(string exposition) =>
        exposition.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[2]).ToHashSet(StringComparer.Ordinal);
}
