using System.Globalization;
using System.Text;

namespace TalentFlow.ML.Tests.Documents;

/// <summary>
/// Writes small PDFs by hand, with a correct cross-reference table: pages of Helvetica text placed at given positions, pages
/// holding only an image XObject (a scan without a text layer), two-column pages. Shared with the silo's HTTP tests.
/// </summary>
internal static class PdfBuilder
{
    /// <summary>One text run: its position in points from the bottom left, and its text (ASCII).</summary>
    public readonly record struct Run(double X, double Y, string Text);

    /// <summary>A PDF whose pages draw <paramref name="pages"/>' runs; with <paramref name="image"/>, each page also holds an image.</summary>
    public static byte[] Make(IReadOnlyList<IReadOnlyList<Run>> pages, bool image = false) =>
        Build(pages.Select(runs => Text(runs) + (image ? " q 468 0 0 648 72 72 cm /Im1 Do Q" : string.Empty)).ToList(), image);

    /// <summary>A scan: <paramref name="pages"/> pages, each only an 8×8 grey image XObject drawn over the page, no text operators.</summary>
    public static byte[] Scanned(int pages = 1) => Build(Enumerable.Repeat("q 468 0 0 648 72 72 cm /Im1 Do Q", pages).ToList(), image: true);

    /// <summary>Lines of text, 14 points apart from the top of a page.</summary>
    public static byte[] Lines(params string[] lines) => Make([lines.Select((l, i) => new Run(72, 740 - i * 14, l)).ToList()]);

    /// <summary>A heading line, then <paramref name="left"/> and <paramref name="right"/> side by side, the right column at <paramref name="rightX"/>.</summary>
    public static byte[] TwoColumns(string heading, IReadOnlyList<string> left, IReadOnlyList<string> right, double rightX)
    {
        var runs = new List<Run> { new(72, 740, heading) };
        for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
        {
            if (i < left.Count) runs.Add(new Run(72, 700 - i * 14, left[i]));
            if (i < right.Count) runs.Add(new Run(rightX, 700 - i * 14, right[i]));
        }

        return Make([runs]);
    }

    private static string Text(IReadOnlyList<Run> runs) => runs.Count == 0 ? string.Empty :
        "BT /F1 10 Tf " + string.Join(' ', runs.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"1 0 0 1 {r.X} {r.Y} Tm ({r.Text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal)}) Tj"))) + " ET";

    private static byte[] Build(IReadOnlyList<string> contents, bool image)
    {
        var objects = new List<string> { "<< /Type /Catalog /Pages 2 0 R >>", string.Empty, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>" };
        var kids = new List<int>();
        foreach (var content in contents)
        {
            var resources = "/Font << /F1 3 0 R >>";
            if (image)
            {
                objects.Add("<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 64 >>\nstream\n" + new string('x', 64) + "\nendstream");
                resources += $" /XObject << /Im1 {objects.Count} 0 R >>";
            }

            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {objects.Count + 2} 0 R /Resources << {resources} >> >>");
            kids.Add(objects.Count);
            objects.Add($"<< /Length {content.Length} >>\nstream\n{content}\nendstream");
        }

        objects[1] = $"<< /Type /Pages /Kids [{string.Join(' ', kids.Select(k => $"{k} 0 R"))}] /Count {kids.Count} >>";
        var sb = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(sb.Length);
            sb.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = sb.Length;
        sb.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) sb.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        sb.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    /// <summary>A two-column resume whose columns nearly touch on one line, so pdftotext's plain reading interleaves them.</summary>
    public static byte[] TwoColumnResume() => TwoColumns(
        "Jane Doe - Software Engineer",
        ["Experience", "Senior Software Engineer at Contoso", "2019 - 2024", "Built payment services in C#", "Led a team of five engineers",
            "Software Engineer at Fabrikam", "2015 - 2019", "Wrote data pipelines in Python"],
        ["Skills", "C#, SQL, Azure, Docker", "Kubernetes and Terraform", "Education", "BSc in Computer Science", "University of Leeds",
            "Languages", "English and German"],
        rightX: 240);
}
