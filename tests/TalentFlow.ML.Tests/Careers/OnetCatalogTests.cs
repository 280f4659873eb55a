using TalentFlow.ML.Careers;

namespace TalentFlow.ML.Tests.Careers;

public sealed class OnetCatalogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentflow-onet-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Load_SemicolonFilesWithBomAndQuotes_ReadsOccupationsWithHotTechnologiesFirst()
    {
        var onet = OnetCatalog.Load(OnetFixture.Write(_dir));

        Assert.Equal(4, onet.Occupations.Count);
        var developers = onet.Occupations.Single(o => o.Code == "15-1252.00");
        Assert.Contains("; test and maintain", developers.Description, StringComparison.Ordinal);
        Assert.Equal(["Apache Spark", "Python", "Tableau"], onet.Occupations[0].Technologies);
    }

    [Theory]
    [InlineData("Data Scientist", "15-2051.00")]
    [InlineData("Accountant", "13-2011.00")]
    [InlineData("registered nurse", "29-1141.00")]
    public void Match_RoleNamingAnOccupation_FindsIt(string role, string code)
    {
        var onet = OnetCatalog.Load(OnetFixture.Write(_dir));

        Assert.Equal(code, onet.Match(role)[0].Code);
    }

    [Fact]
    public void Match_UnrelatedRole_FindsNothing()
    {
        Assert.Empty(OnetCatalog.Load(OnetFixture.Write(_dir)).Match("Astronaut"));
    }

    [Fact]
    public void Load_MissingFolder_Throws()
    {
        Assert.Throws<InvalidDataException>(() => OnetCatalog.Load(Path.Combine(_dir, "absent")));
    }
}
