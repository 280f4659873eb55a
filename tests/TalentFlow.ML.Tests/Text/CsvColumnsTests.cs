using System.Text;
using TalentFlow.ML.Text;

namespace TalentFlow.ML.Tests.Text;

/// <summary>The shared CSV reader (CsvHelper underneath): named columns, quoted multi-line fields, the export encodings.</summary>
public sealed class CsvColumnsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tf-csv-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Read_QuotedMultiLineFieldsWithDoubledQuotes_KeepsThemWhole()
    {
        var path = Write("resumes.csv", "\uFEFFID,Category,Resume\r\n1,IT,\"Line one\r\nsaid \"\"hi\"\", then, left\"\n2,HR,plain\n");

        var rows = CsvColumns.Read(path, ["Resume", "ID"], 2);

        Assert.Equal([["Line one\r\nsaid \"hi\", then, left", "1"], ["plain", "2"]], rows);
    }

    [Fact]
    public void Write_FieldsWithCommasQuotesAndLineBreaks_ReadBackUnchanged()
    {
        var path = Path.Combine(_directory, "written.csv");
        string[][] rows = [["Line one\nsaid \"hi\", then, left", "plain"], ["", "ü 🚀"]];

        CsvColumns.Write(path, ["Resume", "Category"], rows);

        Assert.Equal(rows, CsvColumns.Read(path, ["Resume", "Category"], 2));
        Assert.StartsWith("Resume,Category\n\"Line one\nsaid \"\"hi\"\", then, left\",plain\n", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SemicolonSeparatorAndMissingOptionalColumn_ReadsEmpty()
    {
        var path = Write("occupations.csv", "Code;Title\n11-1011.00;Chief Executives\n15-1252.00\n");

        var rows = CsvColumns.Read(path, ["Code", "Title", "Description"], 1, ';');

        Assert.Equal([["11-1011.00", "Chief Executives", ""], ["15-1252.00", "", ""]], rows);
    }

    [Fact]
    public void Read_InvalidUtf8_FallsBackToLatin1()
    {
        byte[] latin1 = [.. Encoding.ASCII.GetBytes("Category,Resume\nIT,caf"), 0xE9, (byte)'\n'];
        var path = Write("latin1.csv", latin1);

        var rows = CsvColumns.Read(path, ["Resume"], 1);

        Assert.Equal("café", Assert.Single(rows)[0]);
    }

    [Fact]
    public void Read_GivenEncoding_DecodesWithIt()
    {
        byte[] latin1 = [.. Encoding.ASCII.GetBytes("text\ncaf"), 0xE9, (byte)'\n'];
        var path = Write("corpus.csv", latin1);

        var rows = CsvColumns.Read(path, ["text"], 1, ',', new UTF8Encoding(false, false));

        Assert.Equal("caf\uFFFD", Assert.Single(rows)[0]);
    }

    [Fact]
    public void Read_MissingRequiredColumn_ThrowsNamingFileAndColumn()
    {
        var path = Write("career_qa.csv", "role,question\nengineer,why\n");

        var ex = Assert.Throws<InvalidDataException>(() => CsvColumns.Read(path, ["role", "answer"], 2));

        Assert.Equal("career_qa.csv has no 'answer' column", ex.Message);
    }

    [Fact]
    public void Read_EmptyOrMissingFile_ThrowsOneLine()
    {
        var empty = Write("empty.csv", "");

        Assert.Equal("empty.csv: empty CSV", Assert.Throws<InvalidDataException>(() => CsvColumns.Read(empty, ["a"], 1)).Message);
        Assert.StartsWith("file not found: ", Assert.Throws<InvalidDataException>(() => CsvColumns.Read(Path.Combine(_directory, "none.csv"), ["a"], 1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadEvery_RequiredThenHeader_IsTheColumnNamesWithTheirValues()
    {
        var path = Write("jobs.csv", "\"Job.ID\",Title,\"City, State\"\n1,Cook,\"Austin, TX\"\n");

        var (columns, rows) = CsvColumns.ReadEvery(path, ["Title"]);

        Assert.Equal(["Title", "Job.ID", "City, State"], columns);
        Assert.Equal([["Cook", "1", "Austin, TX"]], rows);
        Assert.Equal("jobs.csv has no 'Salary' column", Assert.Throws<InvalidDataException>(() => CsvColumns.ReadEvery(path, ["Salary"])).Message);
    }
}
