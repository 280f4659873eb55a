using System.Text.Json;
using TalentFlow.Cli;

namespace TalentFlow.ML.Tests.Cli;

public sealed class CliRecommendTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentflow-rec-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void WriteData()
    {
        File.WriteAllText(Path.Combine(_dir, "jobs_catalog.csv"),
            "Job.ID,Title,Position,Company,City,State.Name,State.Code,Industry\n" +
            "1,Line Cook @ Diner,Line Cook,Diner,Austin,Texas,TX,NA\n" +
            "2,Prep Cook @ Grill,Prep Cook,Grill,Austin,Texas,TX,NA\n" +
            "3,Forklift Driver @ Depot,Forklift Driver,Depot,Boston,Massachusetts,MA,NA\n" +
            "4,Warehouse Associate @ Depot,Warehouse Associate,Depot,Boston,Massachusetts,MA,NA\n" +
            "5,Cashier @ Shop,Cashier,Shop,Denver,Colorado,CO,NA\n");
        File.WriteAllText(Path.Combine(_dir, "Positions_Of_Interest.csv"),
            "\"Applicant.ID\",\"Position.Of.Interest\",\"Created.At\",\"Updated.At\"\n10,\"cook\",x,x\n20,\"forklift\",x,x\n");
        File.WriteAllText(Path.Combine(_dir, "Experience.csv"),
            "\"Applicant.ID\",\"Position.Name\",\"Employer.Name\"\n10,\"Cook\",\"A\"\n20,\"Warehouse worker\",\"B\"\n");
        File.WriteAllText(Path.Combine(_dir, "Job_Views.csv"),
            "Applicant.ID,Job.ID,State.Code\n10,1,TX\n20,3,MA\n");
        File.WriteAllText(Path.Combine(_dir, "test.csv"), "Applicant.ID,Job.ID\n10,2\n20,4\n");
    }

    [Theory]
    [InlineData("content")]
    [InlineData("content-lsa")]
    public async Task EvalRecommend_UsersWhoseNextJobIsLikeTheirPast_HitAtRankOne(string model)
    {
        WriteData();
        var stdout = new StringWriter();

        int code = await CliApp.RunAsync(["eval", "recommend", "--data", _dir, "--test", Path.Combine(_dir, "test.csv"), "--model", model, "--json"], stdout, new StringWriter());

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(2, json.RootElement.GetProperty("test_users").GetInt32());
        Assert.Equal(1.0, json.RootElement.GetProperty("hr@10").GetDouble());
        Assert.Equal(1.0, json.RootElement.GetProperty("ndcg@10").GetDouble(), 6);
    }

    [Fact]
    public async Task EvalRecommend_ViewOfAJobNotInTheCatalog_ExitsOneWithOneLine()
    {
        WriteData();
        File.AppendAllText(Path.Combine(_dir, "Job_Views.csv"), "10,99,TX\n");
        var stderr = new StringWriter();

        int code = await CliApp.RunAsync(["eval", "recommend", "--data", _dir, "--test", Path.Combine(_dir, "test.csv")], new StringWriter(), stderr);

        Assert.Equal(1, code);
        Assert.Contains("99", stderr.ToString());
        Assert.Single(stderr.ToString().Trim().Split('\n'));
    }
}
