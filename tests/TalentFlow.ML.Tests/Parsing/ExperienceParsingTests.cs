using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.Time.Testing;
using TalentFlow.ML.Documents;
using TalentFlow.ML.Parsing;
using TalentFlow.ML.Tests.Documents;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace TalentFlow.ML.Tests.Parsing;

/// <summary>
/// Date ranges, the layouts pdftotext and DOCX give (synthetic texts in those layouts, no data excerpts) and the doubts that
/// lower a position's confidence.
/// </summary>
public sealed class ExperienceParsingTests
{
    private static readonly DateTimeOffset Today = new(2024, 6, 15, 0, 0, 0, TimeSpan.Zero);

    private static ResumeParser CreateSut() => new(time: new FakeTimeProvider(Today));

    private static WorkExperienceItem Single(string experience) =>
        Assert.Single(CreateSut().Parse("Jane Doe\nExperience\n" + experience + "\nEducation\nBSc in Physics").WorkExperience);

    [Theory]
    [InlineData("2019-03 - 2020-12", 2019, 3, 2020, 12)]
    [InlineData("(2019-03 - 2020-12)", 2019, 3, 2020, 12)]
    [InlineData("03/2019 – Present", 2019, 3, 0, 0)]
    [InlineData("Mar 2019 to date", 2019, 3, 0, 0)]
    [InlineData("March 2019 - current", 2019, 3, 0, 0)]
    [InlineData("2019 – 2021", 2019, 1, 2021, 1)]
    [InlineData("Jan. 2018 — Feb. 2020", 2018, 1, 2020, 2)]
    [InlineData("2018/01-2019/06", 2018, 1, 2019, 6)]
    [InlineData("since 2020", 2020, 1, 0, 0)]
    [InlineData("January 2014 to October 2014", 2014, 1, 2014, 10)]
    [InlineData("from 5.2016 until 11.2017", 2016, 5, 2017, 11)]
    public void Parse_DateRangeFormats_ReadStartEndAndLeaveTitleAndCompanyClean(string range, int startYear, int startMonth, int endYear, int endMonth)
    {
        var item = Single($"Software Engineer, Fabrikam {range}\nBuilt the billing service.");

        Assert.Equal(new DateOnly(startYear, startMonth, 1), item.Start);
        Assert.Equal(endYear == 0 ? null : new DateOnly(endYear, endMonth, 1), item.End);
        Assert.Equal(("Software Engineer", "Fabrikam"), (item.Title, item.Company));
        Assert.Equal(1.0, item.Confidence, 9);
        Assert.Empty(item.Doubts);
    }

    [Fact]
    public void Parse_RangeInParenthesesAfterCompany_CompanyKeepsNoFragments()
    {
        var item = Single("Data Analyst\nFabrikam (2019-03 - 2020-12)\nBuilt dashboards in Power BI.");

        Assert.Equal("Fabrikam", item.Company);
        Assert.Equal("Data Analyst", item.Title);
        Assert.Equal((new DateOnly(2019, 3, 1), new DateOnly(2020, 12, 1)), (item.Start, item.End));
    }

    [Fact]
    public void Parse_MonthWordThatIsNotAMonth_StaysInTheTitle()
    {
        var item = Single("Platform Engineer 2019 - 2021 | Contoso");

        Assert.Equal("Platform Engineer", item.Title);
        Assert.Equal("Contoso", item.Company);
    }

    [Fact]
    public void Parse_TitleLineThenDatesWithCompanyAndLocation_ReadsEachPosition()
    {
        // pdftotext of a template resume: the title on its own line, then dates, company and "City, ST" on the next.
        const string Text = """
            Staff Accountant
            January 2014 to October 2014 Northwind Traders Denver , CO
            Reconciled the operating and payroll bank accounts.
            Prepared month-end journals.
            Junior Accountant
            March 2012 to January 2014 Tailspin Toys Boulder , CO
            Entered payables and receivables.
            """;
        var items = CreateSut().Parse("Experience\n" + Text).WorkExperience;

        Assert.Equal(2, items.Count);
        Assert.Equal(("Staff Accountant", "Northwind Traders"), (items[0].Title, items[0].Company));
        Assert.Equal(("Junior Accountant", "Tailspin Toys"), (items[1].Title, items[1].Company));
        Assert.DoesNotContain("Junior Accountant", items[0].Description, StringComparison.Ordinal);
        Assert.Contains("month-end journals", items[0].Description, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2012, 3, 1), items[1].Start);
    }

    [Fact]
    public void Parse_DatesSplitOverThreeLinesThenCompanyAndTitle_JoinsTheRange()
    {
        // A two-column table read by pdftotext: "June 2013" / "to" / "March 2016", then company, location and title.
        const string Text = """
            Experience
            June 2013
            to
            March 2016
            Blue Yonder Airlines Phoenix , AZ Purchasing Clerk
            Quoted and purchased aircraft materials for the hangar.
            February 2009
            to
            Current
            Alpine Ski House Reno , NV Material Expeditor
            Expedited parts between maintenance and stores.
            """;
        var items = CreateSut().Parse(Text).WorkExperience;

        Assert.Equal(2, items.Count);
        Assert.Equal((new DateOnly(2013, 6, 1), new DateOnly(2016, 3, 1)), (items[0].Start, items[0].End));
        Assert.Equal(("Purchasing Clerk", "Blue Yonder Airlines"), (items[0].Title, items[0].Company));
        Assert.Null(items[1].End);
        Assert.Equal(("Material Expeditor", "Alpine Ski House"), (items[1].Title, items[1].Company));
    }

    [Fact]
    public void Parse_CompanyLineThenTitleLineThenDates_AssignsByRoleAndCompanyWords()
    {
        const string Text = """
            Work Experience
            Contoso Ltd
            Senior Developer
            Jan 2019 – Present
            • Led the migration to .NET 8.
            Initech Inc.
            QA Tester
            2016 – 2018
            • Automated regression tests.
            """;
        var items = CreateSut().Parse(Text).WorkExperience;

        Assert.Equal(2, items.Count);
        Assert.Equal(("Senior Developer", "Contoso Ltd"), (items[0].Title, items[0].Company));
        Assert.Equal(("QA Tester", "Initech Inc."), (items[1].Title, items[1].Company));
        Assert.DoesNotContain("Initech", items[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DateRangeInsideASentence_IsNotAPosition()
    {
        var items = CreateSut().Parse("""
            Experience
            Office Manager, Litware Inc., 2012 - 2015
            Helped the purchasing manager during a turnover period from September 2013 - December 2013.
            """).WorkExperience;

        Assert.Equal("Office Manager", Assert.Single(items).Title);
    }

    [Fact]
    public void Parse_EndBeforeStart_KeepsThePositionWithLowConfidenceAndNoYears()
    {
        var parsed = CreateSut().Parse("Experience\nDeveloper, Contoso, 2020 - 2018\nWrote code.");
        var item = Assert.Single(parsed.WorkExperience);

        Assert.Contains("end before start", item.Doubts);
        Assert.True(item.Confidence <= 0.3, $"confidence {item.Confidence}");
        Assert.Equal(0, parsed.TotalYearsOfExperience);
        Assert.True(parsed.FieldConfidence[FieldConfidence.ExperienceYears] <= 0.4);
    }

    [Fact]
    public void Parse_DatesInTheFuture_LowerConfidenceAndCountOnlyUntilToday()
    {
        var parsed = CreateSut().Parse("Experience\nDeveloper, Contoso, Jan 2023 - Dec 2027\nWrote code.");
        var item = Assert.Single(parsed.WorkExperience);

        Assert.Contains("date in the future", item.Doubts);
        Assert.Equal(0.5, item.Confidence, 9);
        Assert.Equal(1.4, parsed.TotalYearsOfExperience, 9);
    }

    [Fact]
    public void Parse_CompanyWithLeftoverDigits_LowersConfidence()
    {
        var item = Single("Developer, Contoso 42, 2019 - 2021");

        Assert.Contains("title or company holds digits or brackets", item.Doubts);
        Assert.Equal(0.6, item.Confidence, 9);
    }

    [Fact]
    public void Parse_FivePositionsAtOnce_AreMarkedAsImplausibleOverlap()
    {
        var lines = string.Join('\n', Enumerable.Range(1, 5).Select(i => $"Consultant, Client {(char)('A' + i)} Corp, 2018 - 2020"));
        var parsed = CreateSut().Parse("Experience\n" + lines);

        Assert.Equal(5, parsed.WorkExperience.Count);
        Assert.All(parsed.WorkExperience, w => Assert.Contains("overlaps too many other positions", w.Doubts));
        Assert.True(parsed.FieldConfidence[FieldConfidence.ExperienceYears] < 0.6);
    }

    [Fact]
    public void Parse_HistoryListedTwice_KeepsEachPositionOnceAndUndoubted()
    {
        const string History = "Cashier, Contoso, 2012 - 2017\nSpecialist, Fabrikam Bank, 2017 - 2020\nAccountant, Litware Inc, 2020 - Present\n";
        var parsed = CreateSut().Parse("Experience\n" + History + "Work History\n" + History);

        Assert.Equal(3, parsed.WorkExperience.Count);
        Assert.All(parsed.WorkExperience, w => Assert.Empty(w.Doubts));
        Assert.Equal(12.4, parsed.TotalYearsOfExperience, 9);
    }

    [Fact]
    public void Parse_ThousandsOfDatedLines_FinishesQuickly()
    {
        var text = "Experience\n" + string.Join('\n', Enumerable.Range(0, 3000).Select(i => $"Clerk, Shop {i}, {1990 + i % 30} - {1991 + i % 30}"));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var parsed = CreateSut().Parse(text);

        Assert.True(parsed.WorkExperience.Count >= 3000 - 1);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"{watch.Elapsed}");
    }

    [Fact]
    public void Parse_PositionWithoutDates_IsKeptWithLowConfidence()
    {
        var item = Single("Barista at Northwind Coffee\nServed espresso drinks to customers every morning.");

        Assert.Equal(("Barista", "Northwind Coffee"), (item.Title, item.Company));
        Assert.Null(item.Start);
        Assert.Contains("no dates", item.Doubts);
        Assert.True(item.Confidence <= 0.3);
    }

    [Fact]
    public void Parse_ConfidentParseAgainstDoubtfulOne_ExperienceFieldConfidenceDrops()
    {
        var clean = CreateSut().Parse("Experience\nDeveloper, Contoso, 2019 - 2021\nWrote code.");
        var doubtful = CreateSut().Parse("Experience\nDeveloper, Contoso ( -12, 2021 - 2019\nWrote code.");

        Assert.True(doubtful.FieldConfidence[FieldConfidence.Experience] < clean.FieldConfidence[FieldConfidence.Experience] - 0.5);
    }

    [Fact]
    public async Task Parse_PdfWithDatesInAColumnOfTheirOwn_GetsItsExperience()
    {
        // A real PDF read by the real pdftotext: dates, "to" and the end on their own lines, as template resumes render them.
        var pdf = PdfBuilder.Lines("Jane Doe", "Experience", "June 2013", "to", "March 2016", "Blue Yonder Airlines Phoenix , AZ Purchasing Clerk",
            "Quoted and purchased aircraft materials for the hangar.", "April 2008", "to", "May 2013", "Tailspin Toys Tucson , AZ Cashier",
            "Ran the till and stocked shelves.", "Education", "High School Diploma");
        var doc = await new DocumentReader().ReadAsync(pdf, "cv.pdf");
        var items = CreateSut().Parse(doc.Text).WorkExperience;

        Assert.Equal(2, items.Count);
        Assert.Equal(("Purchasing Clerk", "Blue Yonder Airlines"), (items[0].Title, items[0].Company));
        Assert.Equal((new DateOnly(2008, 4, 1), new DateOnly(2013, 5, 1)), (items[1].Start, items[1].End));
    }

    [Fact]
    public async Task Parse_DocxWithTabsAndATableOfPositions_GetsItsExperience()
    {
        var docx = Docx(
            [
                "Jane Doe",
                "Professional Experience",
                "Senior Engineer\tContoso Ltd\tJan 2019 – Present",
                "Built the payments platform.",
            ],
            [
                ["2015-03 - 2018-12", "Software Developer, Fabrikam Inc"],
                ["03/2012 – 02/2015", "Junior Developer | Litware"],
            ],
            ["Education", "BSc in Computer Science, University of Leeds"]);
        var doc = await new DocumentReader().ReadAsync(docx, "cv.docx");
        var items = CreateSut().Parse(doc.Text).WorkExperience;

        Assert.Equal(3, items.Count);
        Assert.Equal(("Senior Engineer", "Contoso Ltd"), (items[0].Title, items[0].Company));
        Assert.Equal(("Software Developer", "Fabrikam Inc"), (items[1].Title, items[1].Company));
        Assert.Equal(("Junior Developer", "Litware"), (items[2].Title, items[2].Company));
        Assert.Equal(new DateOnly(2012, 3, 1), items[2].Start);
        Assert.All(items, i => Assert.Empty(i.Doubts));
    }

    private static byte[] Docx(string[] before, string[][] rows, string[] after)
    {
        static W.Paragraph Paragraph(string text)
        {
            var run = new W.Run();
            var pieces = text.Split('\t');
            for (int i = 0; i < pieces.Length; i++)
            {
                if (i > 0) run.Append(new W.TabChar());
                run.Append(new W.Text(pieces[i]) { Space = SpaceProcessingModeValues.Preserve });
            }

            return new W.Paragraph(run);
        }

        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new W.Body(before.Select(Paragraph));
            body.Append(new W.Table(rows.Select(r => new W.TableRow(r.Select(cell => new W.TableCell(Paragraph(cell)))))));
            body.Append(after.Select(Paragraph));
            main.Document = new W.Document(body);
        }

        return ms.ToArray();
    }
}
