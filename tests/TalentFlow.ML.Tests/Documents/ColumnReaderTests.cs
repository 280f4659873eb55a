using TalentFlow.ML.Documents;

namespace TalentFlow.ML.Tests.Documents;

/// <summary>Two-column detection and re-reading on pdftotext-like text (the PDF path is in <see cref="PdfQualityTests"/>).</summary>
public sealed class ColumnReaderTests
{
    private static readonly string[] Left = ["Experience", "Engineer at Contoso", "2019 - 2024", "Built payment services", "Led five engineers", "Developer at Fabrikam"];
    private static readonly string[] Right = ["Skills", "C#, SQL, Azure", "Docker, Terraform", "Education", "BSc in Physics", "University of Leeds"];

    private static string Layout(string[] left, string[] right) =>
        "Jane Doe\n\n" + string.Join('\n', left.Zip(right, (l, r) => l.PadRight(30) + r)) + "\n";

    private static string Interleaved(string[] left, string[] right) =>
        "Jane Doe\n\n" + string.Join('\n', left.Zip(right, (l, r) => l + "\n" + r)) + "\n";

    private static string ColumnByColumn(string[] left, string[] right) =>
        "Jane Doe\n\n" + string.Join('\n', left) + "\n" + string.Join('\n', right) + "\n";

    [Fact]
    public void FindGutter_SixSideBySideLines_FindsTheRightColumnsEdge() =>
        Assert.Equal(30, ColumnReader.FindGutter(Layout(Left, Right).Split('\n'), new ExtractionQualityOptions()));

    [Fact]
    public void FindGutter_FewerLinesThanTheOption_IsNull() =>
        Assert.Null(ColumnReader.FindGutter(Layout(Left, Right).Split('\n'), new ExtractionQualityOptions { MinColumnLines = 7 }));

    [Fact]
    public void Read_InterleavedPlainReading_ReordersColumnByColumn()
    {
        var page = ColumnReader.Read(Interleaved(Left, Right), Layout(Left, Right), new ExtractionQualityOptions());
        Assert.True(page.Reordered);
        Assert.Equal("Jane Doe\n" + string.Join('\n', Left.Concat(Right)) + "\n", page.Text);
    }

    [Fact]
    public void Read_PlainReadingAlreadyColumnByColumn_KeepsIt()
    {
        var plain = ColumnByColumn(Left, Right);
        var page = ColumnReader.Read(plain, Layout(Left, Right), new ExtractionQualityOptions());
        Assert.Equal((true, false, false), (page.Columns, page.Reordered, page.Unfixable));
        Assert.Same(plain, page.Text);
    }

    [Fact]
    public void Read_LayoutMissingWordsOfThePlainReading_IsUnfixable()
    {
        // The layout reading lost a footnote the plain reading has: re-reading would drop text, so the page is not fixed.
        var plain = Interleaved(Left, Right) + "References available on request from the candidate directly by email\n";
        var page = ColumnReader.Read(plain, Layout(Left, Right), new ExtractionQualityOptions());
        Assert.Equal((true, false, true), (page.Columns, page.Reordered, page.Unfixable));
        Assert.Same(plain, page.Text);
    }
}
