namespace TalentFlow.ML.Parsing;

/// <summary>Sections of a resume (the structure of seed 000's <c>parsed_data.sections</c>).</summary>
public enum SectionKind
{
    /// <summary>Summary, profile or objective; also the text before the first heading.</summary>
    Summary,

    /// <summary>Skills, technical skills, competencies.</summary>
    Skills,

    /// <summary>Work experience, employment history; in a job, responsibilities.</summary>
    Experience,

    /// <summary>Education, qualifications.</summary>
    Education,

    /// <summary>Projects.</summary>
    Projects,

    /// <summary>Certifications, licences.</summary>
    Certifications,
}
