using System.ComponentModel.DataAnnotations;

namespace TalentFlow.Silo.Uploads;

/// <summary>Limits for resume uploads (configuration section <c>Uploads</c>), validated at start-up.</summary>
public sealed class UploadOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Uploads";

    /// <summary>Room for the multipart form's other fields and boundaries on top of <see cref="MaxBytes"/>.</summary>
    public const long FormOverheadBytes = 64 * 1024;

    /// <summary>Largest accepted resume file, in bytes: 1 KiB to 1 GiB. Default 10 MiB (10,485,760).</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest accepted request body: <see cref="MaxBytes"/> plus <see cref="FormOverheadBytes"/>.</summary>
    public long MaxRequestBytes => MaxBytes + FormOverheadBytes;
}
