namespace TalentFlow.ML.Tests.Careers;

/// <summary>A tiny O*NET-shaped folder (semicolon-separated, BOM, a quoted description with a ';') written into a temp directory.</summary>
internal static class OnetFixture
{
    public static string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "occupation_data.csv"), "\uFEFFO*NET-SOC Code;Title;Description\n" +
            "15-2051.00;Data Scientists;Develop and implement methods to analyze data with statistics and machine learning models.\n" +
            "15-1252.00;Software Developers;\"Research, design, and develop software; test and maintain computer applications.\"\n" +
            "29-1141.00;Registered Nurses;Assess patient health problems and needs, administer medication and nursing care in hospitals.\n" +
            "13-2011.00;Accountants and Auditors;Examine, analyze, and interpret accounting records, ledgers and tax returns.\n");
        File.WriteAllText(Path.Combine(directory, "technology_skills.csv"), "\uFEFFO*NET-SOC Code;Title;Example;Commodity Code;Commodity Title;Hot Technology\n" +
            "15-2051.00;Data Scientists;Apache Spark;1;Data base;Y\n" +
            "15-2051.00;Data Scientists;Tableau;1;Analytics;N\n" +
            "15-2051.00;Data Scientists;Python;1;Languages;Y\n" +
            "15-1252.00;Software Developers;Git;1;Version control;Y\n" +
            "29-1141.00;Registered Nurses;Epic Systems;1;Medical software;Y\n" +
            "13-2011.00;Accountants and Auditors;Intuit QuickBooks;1;Accounting software;Y\n" +
            "13-2011.00;Accountants and Auditors;SAP;1;ERP software;N\n");
        return directory;
    }
}
