using System.Net;

namespace TalentFlow.Silo.Tests;

/// <summary>Wraps content so that its length is unknown: the request goes without a Content-Length.</summary>
internal sealed class UnknownLengthContent : HttpContent
{
    private readonly HttpContent _inner;

    public UnknownLengthContent(HttpContent inner)
    {
        _inner = inner;
        foreach (var header in inner.Headers) Headers.TryAddWithoutValidation(header.Key, header.Value);
        Headers.ContentLength = null;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
