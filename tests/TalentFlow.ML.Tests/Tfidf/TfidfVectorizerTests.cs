using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Tests.Tfidf;

public sealed class TfidfVectorizerTests
{
    private static string[] Corpus(int n) =>
        Enumerable.Range(0, n).Select(i => $"doc {i} python sql skill{i % 7} team{i % 13} lead{i % 3} project management").ToArray();

    [Fact]
    public void Transform_BatchAndSingle_AreIdentical()
    {
        var docs = Corpus(500);
        var model = TfidfVectorizer.Fit(docs);
        var batch = model.Transform(docs);
        for (var i = 0; i < docs.Length; i += 37)
        {
            var single = model.Transform(docs[i]);
            Assert.Equal(single.Indices, batch[i].Indices);
            Assert.Equal(single.Values, batch[i].Values);
        }
    }

    [Fact]
    public void Fit_Repeated_GivesSameVocabularyAndIdf()
    {
        var docs = Corpus(2000);
        var a = TfidfVectorizer.Fit(docs, new TfidfOptions { MaxFeatures = 20 });
        var b = TfidfVectorizer.Fit(docs, new TfidfOptions { MaxFeatures = 20 });
        Assert.Equal(a.Terms, b.Terms);
        Assert.Equal(a.Idf.ToArray(), b.Idf.ToArray());
    }

    [Fact]
    public void Transform_UnknownWordsOnly_IsEmpty() =>
        Assert.Equal(0, TfidfVectorizer.Fit(["python developer"]).Transform("zebra giraffe").Count);

    [Fact]
    public void Fit_OnlyStopWords_ThrowsEmptyVocabulary() =>
        Assert.Throws<ArgumentException>(() => TfidfVectorizer.Fit(["the and of", "a an"]));

    [Fact]
    public void Cosine_SameDocument_IsOne()
    {
        var model = TfidfVectorizer.Fit(["python sql developer", "nurse patient care"]);
        var v = model.Transform("python sql developer");
        Assert.Equal(1f, v.Cosine(v), 5);
        Assert.Equal(0f, v.Cosine(model.Transform("nurse patient care")));
    }

    [Fact]
    public void ArgSort_ComparedWithSortedOrder_IsAPermutationInNonDecreasingOrder()
    {
        var random = new Random(7);
        for (var n = 0; n <= 256; n += 17)
        {
            var values = Enumerable.Range(0, n).Select(_ => (long)random.Next(0, 5)).ToArray();
            var order = NumPyArgSort.ArgSort(values);
            Assert.Equal(Enumerable.Range(0, n), order.Order());
            for (var i = 1; i < n; i++)
            {
                Assert.True(values[order[i - 1]] <= values[order[i]]);
            }
        }
    }
}
