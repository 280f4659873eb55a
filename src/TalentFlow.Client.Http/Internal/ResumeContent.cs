using System.Net;

namespace TalentFlow.Client.Http.Internal;

/// <summary>
/// A resume file's bytes, streamed from the caller's stream without buffering it and without disposing it (the stream is
/// the caller's: <see cref="StreamContent"/> would close it).
/// </summary>
internal sealed class ResumeContent(Stream stream) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream target, TransportContext? context) => SerializeToStreamAsync(target, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream target, TransportContext? context, CancellationToken cancellationToken) =>
        stream.CopyToAsync(target, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = stream.CanSeek ? stream.Length - stream.Position : 0;
        return stream.CanSeek;
    }
}
