using System.Text;
using TalentFlow.ML.Semantic;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Tests.Semantic;

public sealed class EmbeddedEncoderTests
{
    private static readonly string[] Corpus = TopicCorpus.Documents();

    private static readonly string[] Probes = ["nurse on the icu ward", "kubernetse helm deploymnt", "", "tax audit payroll excel", "zzz"];

    public static TheoryData<EmbeddedEncoderKind> Kinds => [EmbeddedEncoderKind.Lsa, EmbeddedEncoderKind.Subword];

    private static IEmbeddedEncoder CreateSut(EmbeddedEncoderKind kind) => kind == EmbeddedEncoderKind.Lsa
        ? LsaEncoder.Fit(Corpus, new LsaOptions { Dimensions = 6, Oversampling = 4, Tfidf = new TfidfOptions { MaxFeatures = null, NGramMax = 1 } })
        : SubwordEncoder.Fit(Corpus, new SubwordOptions { Dimensions = 6, Oversampling = 4, Buckets = 4096 });

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Load_WhatSaveWrote_HasTheSameVersionAndBitIdenticalEmbeddings(EmbeddedEncoderKind kind)
    {
        var encoder = CreateSut(kind);
        var loaded = EmbeddedEncoder.Load(new MemoryStream(Save(encoder)));

        Assert.Equal(kind, loaded.Kind);
        Assert.Equal(encoder.GetType(), loaded.GetType());
        Assert.Equal(encoder.VersionId, loaded.VersionId);
        Assert.Equal(encoder.Dimension, loaded.Dimension);
        foreach (var text in Probes) Assert.Equal(encoder.Embed(text), loaded.Embed(text));
        Assert.Equal(Save(encoder), Save(loaded));
    }

    [Fact]
    public void Load_OwnFormat_ReadsThroughTheEncodersLoadToo()
    {
        var lsa = (LsaEncoder)CreateSut(EmbeddedEncoderKind.Lsa);
        var subword = (SubwordEncoder)CreateSut(EmbeddedEncoderKind.Subword);

        Assert.Equal(lsa.VersionId, LsaEncoder.Load(new MemoryStream(Save(lsa))).VersionId);
        Assert.Equal(subword.VersionId, SubwordEncoder.Load(new MemoryStream(Save(subword))).VersionId);
        Assert.Throws<EncoderArtifactException>(() => LsaEncoder.Load(new MemoryStream(Save(subword))));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Load_ChangedTensorByte_ThrowsCorrupt(EmbeddedEncoderKind kind)
    {
        var json = Encoding.UTF8.GetString(Save(CreateSut(kind)));
        string tensor = kind == EmbeddedEncoderKind.Lsa ? "\"projection\"" : "\"word_vectors\"";
        int at = json.IndexOf("\"data\":\"", json.IndexOf(tensor, StringComparison.Ordinal), StringComparison.Ordinal) + 20;
        var damaged = json[..at] + (json[at] == 'A' ? 'B' : 'A') + json[(at + 1)..];

        var error = Assert.Throws<EncoderArtifactException>(() => EmbeddedEncoder.Load(new MemoryStream(Encoding.UTF8.GetBytes(damaged))));
        Assert.Equal(EncoderArtifactError.Corrupt, error.Error);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Load_NotJsonTruncatedOrMissingField_ThrowsCorrupt(EmbeddedEncoderKind kind)
    {
        var bytes = Save(CreateSut(kind));
        var json = Encoding.UTF8.GetString(bytes);
        byte[][] bad =
        [
            Encoding.UTF8.GetBytes("not json at all"),
            bytes[..(bytes.Length / 2)],
            Encoding.UTF8.GetBytes("{\"format\":\"talentflow.convfm\",\"version\":1}"),
            Encoding.UTF8.GetBytes(json.Replace("\"sha256\"", "\"sha-256\"", StringComparison.Ordinal)),
            Encoding.UTF8.GetBytes(json.Replace("\"dimension\":6", "\"dimension\":5", StringComparison.Ordinal)),
        ];
        foreach (var artifact in bad)
        {
            var error = Assert.Throws<EncoderArtifactException>(() => EmbeddedEncoder.Load(new MemoryStream(artifact)));
            Assert.Equal(EncoderArtifactError.Corrupt, error.Error);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Load_NewerFormatVersion_ThrowsUnsupportedVersion(EmbeddedEncoderKind kind)
    {
        var json = Encoding.UTF8.GetString(Save(CreateSut(kind))).Replace("\"version\":1,", "\"version\":2,", StringComparison.Ordinal);

        var error = Assert.Throws<EncoderArtifactException>(() => EmbeddedEncoder.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Equal(EncoderArtifactError.UnsupportedVersion, error.Error);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Fit_ByKind_IsDeterministicForASeed(EmbeddedEncoderKind kind)
    {
        var a = EmbeddedEncoder.Fit(Corpus, kind, seed: 3, dimensions: 6);
        var b = EmbeddedEncoder.Fit(Corpus, kind, seed: 3, dimensions: 6);

        Assert.Equal(kind, a.Kind);
        Assert.Equal(6, a.Dimension);
        Assert.Equal(a.VersionId, b.VersionId);
        foreach (var text in Probes) Assert.Equal(a.Embed(text), b.Embed(text));
    }

    [Fact]
    public void ParseKind_Names_MapToKindsAndUnknownThrows()
    {
        Assert.Equal(EmbeddedEncoder.DefaultKind, EmbeddedEncoder.ParseKind("embedded"));
        Assert.Equal(EmbeddedEncoderKind.Lsa, EmbeddedEncoder.ParseKind("LSA"));
        Assert.Equal(EmbeddedEncoderKind.Subword, EmbeddedEncoder.ParseKind("subword"));
        Assert.Throws<ArgumentException>(() => EmbeddedEncoder.ParseKind("word2vec"));
    }

    private static byte[] Save(IEmbeddedEncoder encoder)
    {
        using var stream = new MemoryStream();
        encoder.Save(stream);
        return stream.ToArray();
    }
}
