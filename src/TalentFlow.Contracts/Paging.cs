using System.Buffers.Text;
using System.Text;

namespace TalentFlow.Contracts;

/// <summary>
/// The keyset paging of the list routes (<c>GET /api/v1/jobs</c>, <c>GET /api/v1/candidates</c>): items come in ordinal id
/// order, a page holds at most <c>limit</c> of them, and <c>next_cursor</c> continues after the page's last id.
/// </summary>
/// <remarks>
/// A cursor is the last id of the page, UTF-8 and base64url-encoded: opaque to callers (so the encoding may change), and a
/// position, not an offset, so an item created or deleted between two pages neither repeats nor skips another one. Any id
/// works as a position (it need not exist any more, and ids stored before <see cref="EntityId"/>'s rule are positions too).
/// </remarks>
public static class Paging
{
    /// <summary>Items per page when the caller does not say.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The most items one page holds.</summary>
    public const int MaxLimit = 500;

    /// <summary>The longest cursor accepted: the encoding of an id far longer than any this system stores.</summary>
    private const int MaxCursorLength = 1024;

    /// <summary>The limit rule in words, for error messages and documentation.</summary>
    public const string LimitRule = "a whole number from 1 to 500 (default 50)";

    /// <summary>Returns <paramref name="limit"/> when it is 1–<see cref="MaxLimit"/>; otherwise throws <see cref="ArgumentException"/> naming <c>limit</c>.</summary>
    public static int CheckLimit(int limit) =>
        limit is >= 1 and <= MaxLimit ? limit : throw new ArgumentException($"limit must be {LimitRule}; {limit} was given.");

    /// <summary>The cursor of the position after <paramref name="id"/>.</summary>
    public static string CursorAfter(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(id));
    }

    /// <summary>
    /// The id a cursor continues after; null for no cursor (the first page). Throws <see cref="ArgumentException"/> naming
    /// <c>cursor</c> when it is not one <see cref="CursorAfter"/> made.
    /// </summary>
    public static string? AfterIdOf(string? cursor)
    {
        if (cursor is null) return null;
        if (cursor.Length is 0 or > MaxCursorLength || !Base64Url.IsValid(cursor)) throw BadCursor(cursor);
        string id;
        try
        {
            id = StrictUtf8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (DecoderFallbackException)
        {
            throw BadCursor(cursor);
        }
        return id.Length == 0 || id.Any(char.IsControl) ? throw BadCursor(cursor) : id;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static ArgumentException BadCursor(string cursor) => new(
        $"cursor '{EntityId.Shown(cursor)}' is not a cursor this API returned: pass the next_cursor of the previous page unchanged, or no cursor for the first page.");
}
