namespace TalentFlow.ML.Tests.Semantic;

/// <summary>
/// A small synthetic corpus of three job families, generated from a seed. "k8s" and "kubernetes" never share a document
/// but share their contexts, so only an encoder that learns from context can put them together.
/// </summary>
internal static class TopicCorpus
{
    private static readonly string[][] Topics =
    [
        ["docker", "containers", "helm", "cluster", "terraform", "deployment", "pipelines", "devops", "linux", "monitoring"],
        ["nurse", "patient", "ward", "medication", "triage", "clinical", "hospital", "bedside", "icu", "wound"],
        ["accountant", "ledger", "audit", "tax", "reporting", "budgeting", "excel", "invoices", "payroll", "reconciliation"],
    ];

    public static string[] Documents(int count = 240, int words = 30, int seed = 1)
    {
        var random = new Random(seed);
        var documents = new string[count];
        for (int d = 0; d < count; d++)
        {
            int topic = d % Topics.Length;
            var text = new List<string>(words);
            for (int w = 0; w < words; w++)
            {
                // Devops documents name the orchestrator one way or the other, never both.
                text.Add(topic == 0 && w % 5 == 0 ? (d / 3 % 2 == 0 ? "kubernetes" : "k8s") : Topics[topic][random.Next(Topics[topic].Length)]);
            }

            documents[d] = string.Join(' ', text);
        }

        return documents;
    }
}
