using System.CommandLine;
using System.Text.Json;
using TalentFlow.Cli.Hosting;

namespace TalentFlow.Cli;

/// <summary>
/// <c>create-sample [--out DIR] [--pairs N] [--seed S] [--json]</c>: writes synthetic labelled pairs in the seed's format
/// (<c>[{resume, job_description, score}]</c>) to DIR/training_data.json and DIR/validation_data.json, so that training and
/// evaluation can be tried without real data. The score is the share of the job's skills the resume names, plus 0.2 when
/// the role matches, capped at 1.
/// </summary>
internal static class CreateSampleCommand
{
    private static readonly (string Role, string[] Skills, string Degree)[] Roles =
    [
        ("Backend engineer", ["C#", ".NET", "SQL", "Docker", "Kubernetes", "microservices", "REST APIs"], "BSc in computer science"),
        ("Data scientist", ["Python", "pandas", "scikit-learn", "machine learning", "statistics", "SQL", "TensorFlow"], "MSc in statistics"),
        ("Frontend developer", ["JavaScript", "TypeScript", "React", "HTML", "CSS", "Node.js", "Figma"], "BSc in software engineering"),
        ("DevOps engineer", ["AWS", "Terraform", "Docker", "Kubernetes", "Linux", "Jenkins", "Bash"], "BSc in information technology"),
        ("Accountant", ["Excel", "QuickBooks", "SAP", "GAAP", "financial reporting", "auditing", "tax"], "BCom in accounting"),
        ("Registered nurse", ["patient care", "BLS", "ACLS", "medication administration", "EHR", "triage", "wound care"], "BSc in nursing"),
    ];

    public static Command Create(CliContext context)
    {
        var outDir = new Option<string>("--out") { Description = "Folder to write to.", DefaultValueFactory = _ => Path.Combine("data", "training") };
        var pairs = new Option<int>("--pairs") { Description = "Training pairs (validation gets a quarter as many).", DefaultValueFactory = _ => 200 };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("create-sample", "Write synthetic labelled resume/job pairs in the seed's JSON format.") { outDir, pairs, seed, json };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(outDir)!;
            var n = parse.GetValue(pairs);
            if (n < 4)
            {
                throw new CliException("--pairs must be at least 4");
            }

            var random = new Random(parse.GetValue(seed));
            Directory.CreateDirectory(dir);
            var train = Path.Combine(dir, "training_data.json");
            var validation = Path.Combine(dir, "validation_data.json");
            File.WriteAllText(train, JsonSerializer.Serialize(Generate(random, n), new JsonSerializerOptions { WriteIndented = true }));
            File.WriteAllText(validation, JsonSerializer.Serialize(Generate(random, Math.Max(1, n / 4)), new JsonSerializerOptions { WriteIndented = true }));
            JsonOutput.Write(context.Stdout, [new("training", train), new("validation", validation), new("training_pairs", n), new("validation_pairs", Math.Max(1, n / 4))], parse.GetValue(json));
            return 0;
        });
        return command;
    }

    internal static List<Dictionary<string, object>> Generate(Random random, int count)
    {
        var result = new List<Dictionary<string, object>>(count);
        for (var i = 0; i < count; i++)
        {
            var job = Roles[random.Next(Roles.Length)];
            var person = random.NextDouble() < 0.5 ? job : Roles[random.Next(Roles.Length)];
            var has = person.Skills.Where(_ => random.NextDouble() < 0.75).ToArray();
            var years = random.Next(1, 15);
            var resume = $"Summary\n{person.Role} with {years} years of experience.\nSkills\n{string.Join(", ", has)}\n" +
                $"Experience\n{person.Role}, Example Corp, {2024 - years} - Present\nWorked with {string.Join(" and ", has.Take(3))}.\n" +
                $"Education\n{person.Degree}";
            var required = job.Skills.OrderBy(_ => random.Next()).Take(5).ToArray();
            var description = $"{job.Role}\nRequirements:\n{string.Join(", ", required)}\nResponsibilities:\nWork as a {job.Role.ToLowerInvariant()} " +
                $"using {string.Join(", ", required.Take(2))}.\nEducation:\n{job.Degree}";
            var overlap = required.Count(s => has.Contains(s, StringComparer.OrdinalIgnoreCase)) / (double)required.Length;
            var score = Math.Round(Math.Min(1, overlap * 0.8 + (person.Role == job.Role ? 0.2 : 0)), 3);
            result.Add(new() { ["resume"] = resume, ["job_description"] = description, ["score"] = score });
        }

        return result;
    }
}
