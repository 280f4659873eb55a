using System.Text.RegularExpressions;
using TalentFlow.ML.Tfidf;

namespace TalentFlow.ML.Requirements;

/// <summary>
/// The content words of requirements and resume sentences, and the weight of each: words are lower-cased, keep <c>+ # .</c>
/// inside (<c>c++</c>, <c>c#</c>, <c>node.js</c>), lose a plural or <c>-ing</c>/<c>-ed</c> ending, and skip English stop
/// words, numbers and the filler of postings ("experience", "years", "strong", "knowledge", "required", …). A word weighs its
/// smooth idf over the resume's sentences, <c>ln((1 + n) / (1 + df)) + 1</c>.
/// </summary>
internal sealed partial class RequirementTerms
{
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "experience", "experienc", "year", "yr", "knowledge", "strong", "solid", "proven", "good", "excellent", "great", "ability", "able",
        "proficiency", "proficient", "familiarity", "familiar", "understanding", "work", "hand", "hands-on", "skill", "required", "require",
        "must", "preferred", "prefer", "plus", "bonus", "nice", "including", "etc", "demonstrated", "track", "record", "background",
        "expertise", "minimum", "least", "relevant", "similar", "equivalent", "using", "use", "candidate", "you", "have", "desirable",
        "ideally", "deep", "advanced", "basic", "working", "hand-on", "practical", "professional", "related", "field", "e.g", "i.e",
    };

    private readonly HashSet<string>[] _sentences;
    private readonly Dictionary<string, int> _df = new(StringComparer.Ordinal);

    public RequirementTerms(IReadOnlyList<string> sentences)
    {
        _sentences = new HashSet<string>[sentences.Count];
        for (int s = 0; s < sentences.Count; s++)
        {
            // Filler stays in sentences: a requirement never asks for it, so it is never looked up.
            _sentences[s] = [.. Words(sentences[s], dropFiller: false)];
            foreach (string word in _sentences[s]) _df[word] = _df.GetValueOrDefault(word) + 1;
        }
    }

    /// <summary>The requirement's content words, and those of the canonical names of <paramref name="skills"/>, with their idf.</summary>
    public Dictionary<string, double> Weigh(string requirement, IReadOnlyList<string>? skills = null)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string word in Words(requirement, dropFiller: true).Concat((skills ?? []).SelectMany(k => Words(k, dropFiller: false))))
        {
            weights[word] = Math.Log((1.0 + _sentences.Length) / (1.0 + _df.GetValueOrDefault(word))) + 1.0;
        }
        return weights;
    }

    /// <summary>
    /// The weighted share of <paramref name="wanted"/> that sentence <paramref name="sentence"/> holds, counting also the words of
    /// the canonical names of <paramref name="skills"/> (the skills the sentence names).
    /// </summary>
    public double Coverage(Dictionary<string, double> wanted, int sentence, IReadOnlyList<string>? skills = null)
    {
        var extra = skills is { Count: > 0 } ? new HashSet<string>(skills.SelectMany(k => Words(k, dropFiller: false)), StringComparer.Ordinal) : null;
        double total = 0, held = 0;
        foreach (var (word, weight) in wanted)
        {
            total += weight;
            if (_sentences[sentence].Contains(word) || extra?.Contains(word) == true) held += weight;
        }
        return total > 0 ? held / total : 0;
    }

    internal static IEnumerable<string> Words(string text, bool dropFiller)
    {
        foreach (Match match in WordRegex().Matches(text))
        {
            string word = Stem(match.Value.ToLowerInvariant().TrimEnd('.'));
            if (word.Length < 2 && !word.Contains('#') && word != "r" && word != "c") continue;
            if (EnglishStopWords.Set.Contains(word) || word.All(c => char.IsDigit(c) || c is '+' or '.')) continue;
            if (dropFiller && Filler.Contains(word)) continue;
            yield return word;
        }
    }

    /// <summary>A light stem: plurals and <c>-ing</c>/<c>-ed</c> go ("developed", "developing", "develops" → "develop").</summary>
    internal static string Stem(string word)
    {
        if (word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal)) word = word[..^2];
        if (!word.All(char.IsLetter)) return word;
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal)) return word[..^3] + "y";
        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal)) return word[..^3];
        if (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal)) return word[..^2];
        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal)) return word[..^1];
        return word;
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}+#'’-]*(?:\.[\p{L}\p{N}]+)*[+#]*", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex WordRegex();
}
