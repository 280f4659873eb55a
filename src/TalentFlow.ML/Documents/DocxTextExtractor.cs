using System.IO.Packaging;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace TalentFlow.ML.Documents;

/// <summary>Reads the paragraphs (body and tables, in order) of a DOCX with DocumentFormat.OpenXml; a tab between words becomes " | ".</summary>
internal static class DocxTextExtractor
{
    public static string Extract(Stream stream)
    {
        try
        {
            using var doc = WordprocessingDocument.Open(stream, false);
            var body = doc.MainDocumentPart?.Document?.Body
                ?? throw new DocumentException(DocumentErrorKind.Corrupt, "The DOCX has no document body.");
            var sb = new StringBuilder();
            foreach (var paragraph in body.Descendants<W.Paragraph>())
            {
                foreach (var element in paragraph.Descendants())
                {
                    switch (element)
                    {
                        case W.Text t: sb.Append(t.Text); break;
                        // A tab between words separates fields ("Engineer<tab>Contoso<tab>2019 – Present"); normalisation turns
                        // tabs into spaces, which would glue the fields together, so it becomes " | " (indentation stays nothing).
                        case W.TabChar when sb.Length > 0 && sb[^1] is not ('\n' or ' '): sb.Append(" | "); break;
                        case W.Break or W.CarriageReturn: sb.Append('\n'); break;
                    }
                }

                sb.Append('\n');
            }

            return sb.ToString();
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or System.Xml.XmlException)
        {
            throw new DocumentException(DocumentErrorKind.Corrupt, $"The DOCX is damaged: {e.Message}", e);
        }
    }
}
