namespace TalentFlow.Hosting.Tests.Serialization.Wire
{
    /// <summary>A contract as TalentFlow.Contracts has them: a plain record, no Orleans attribute.</summary>
    public sealed record Posting(string Title, IReadOnlyList<string> Skills, double? Salary = null);

    /// <summary>An exception of ours, no Orleans attribute.</summary>
    public sealed class PostingRejectedException(string message) : InvalidOperationException(message)
    {
        public PostingRejectedException() : this("rejected")
        {
        }

        public PostingRejectedException(string message, Exception inner) : this(message + ": " + inner.Message)
        {
        }
    }
}

namespace Acme.Partner
{
    /// <summary>An exception outside the allowed prefixes.</summary>
    public sealed class PartnerException(string message) : InvalidOperationException(message)
    {
        public PartnerException() : this("partner")
        {
        }

        public PartnerException(string message, Exception inner) : this(message + ": " + inner.Message)
        {
        }
    }
}
