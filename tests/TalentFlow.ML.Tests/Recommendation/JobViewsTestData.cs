namespace TalentFlow.ML.Tests.Recommendation;

/// <summary>
/// A tiny job-views folder in a temp directory, laid out as the real export: cooks look at kitchen jobs in Austin, warehouse
/// workers at warehouse jobs in Boston. User 90 has no views (cold start) but says "cook" and worked in Austin.
/// </summary>
internal sealed class JobViewsTestData : IDisposable
{
    public JobViewsTestData()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("talentflow-jobviews-").FullName;
        var catalog = new List<string> { "Job.ID,Title,Position,Company,City,State.Name,State.Code,Industry" };
        for (var i = 1; i <= 8; i++)
        {
            catalog.Add($"{i},Line Cook @ Diner {i},Line Cook,Diner,Austin,Texas,TX,NA");
            catalog.Add($"{100 + i},Warehouse Associate @ Depot {i},Warehouse Associate,Depot,Boston,Massachusetts,MA,NA");
        }

        catalog.Add("200,Cashier @ Shop,Cashier,Shop,Denver,Colorado,CO,NA");
        File.WriteAllLines(Path.Combine(Directory, "jobs_catalog.csv"), catalog);

        var views = new List<string> { "Applicant.ID,Job.ID,Title,Position,Company,City,State.Name,State.Code,Industry,View.Start" };
        var interests = new List<string> { "\"Applicant.ID\",\"Position.Of.Interest\",\"Created.At\",\"Updated.At\"" };
        var history = new List<string> { "\"Applicant.ID\",\"Position.Name\",\"Employer.Name\",\"City\",\"State.Code\"" };
        var test = new List<string> { "Applicant.ID,Job.ID" };
        for (var u = 1; u <= 6; u++)
        {
            var cook = u % 2 == 1;
            for (var k = 0; k < 3; k++)
            {
                var job = ((u + k) % 8) + 1 + (cook ? 0 : 100);
                views.Add($"{u},{job},t,p,c,x,y,{(cook ? "TX" : "MA")},i,2026-01-0{k + 1}");
            }

            interests.Add($"{u},\"{(cook ? "cook" : "warehouse")}\",x,x");
            history.Add($"{u},\"{(cook ? "Line cook" : "Warehouse worker")}\",\"A\",\"{(cook ? "Austin" : "Boston")}\",\"{(cook ? "TX" : "MA")}\"");
            test.Add($"{u},{((u + 3) % 8) + 1 + (cook ? 0 : 100)}");
        }

        interests.Add("90,\"cook\",x,x");
        history.Add("90,\"Line cook\",\"A\",\"Austin\",\"TX\"");
        test.Add("90,5");
        File.WriteAllLines(Path.Combine(Directory, "Job_Views.csv"), views);
        File.WriteAllLines(Path.Combine(Directory, "Positions_Of_Interest.csv"), interests);
        File.WriteAllLines(Path.Combine(Directory, "Experience.csv"), history);
        File.WriteAllLines(TestCsv, test);
    }

    public string Directory { get; }

    public string TestCsv => Path.Combine(Directory, "test.csv");

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
