using System.Text;
using System.Text.Json;
using TalentFlow.Cli;

namespace TalentFlow.ML.Tests.Cli;

/// <summary><c>talentflow embed</c> on the served all-MiniLM-L6-v2 (copied beside the tests by the build).</summary>
public sealed class CliEmbedTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("talentflow-embed-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static float[] Embedding(JsonElement root) => root.GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray();

    [Fact]
    public async Task Embed_TextJson_PrintsModelDimensionsTokensAndAUnitVector()
    {
        var (code, stdout, _) = await RunAsync("embed", "--text", "Senior Python developer", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("all-MiniLM-L6-v2", root.GetProperty("model").GetString());
        Assert.Equal(384, root.GetProperty("dimensions").GetInt32());
        Assert.Equal(5, root.GetProperty("tokens").GetInt32()); // [CLS] senior python developer [SEP]
        Assert.False(root.GetProperty("truncated").GetBoolean());
        var v = Embedding(root);
        Assert.Equal(384, v.Length);
        Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 5);
    }

    [Fact]
    public async Task Embed_Int8_StaysWithinCosine099OfFloat32()
    {
        var fp32 = await RunAsync("embed", "--text", "Senior Python developer, Django and PostgreSQL", "--json");
        var int8 = await RunAsync("embed", "--text", "Senior Python developer, Django and PostgreSQL", "--json", "--quantization", "int8");

        Assert.Equal(0, int8.Code);
        var a = Embedding(JsonDocument.Parse(fp32.Stdout).RootElement);
        var b = Embedding(JsonDocument.Parse(int8.Stdout).RootElement);
        var cosine = a.Zip(b, (x, y) => (double)x * y).Sum();
        Assert.InRange(cosine, 0.99, 0.99999);
    }

    [Fact]
    public async Task Embed_UnknownQuantization_FailsWithExitCode1()
    {
        var (code, _, stderr) = await RunAsync("embed", "--text", "x", "--quantization", "int4");
        Assert.NotEqual(0, code);
        Assert.Contains("int4", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_FileWithTheSameText_PrintsTheSameEmbedding()
    {
        var path = Path.Combine(_dir, "resume.txt");
        await File.WriteAllTextAsync(path, "Registered nurse, ICU, Zürich", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var fromFile = await RunAsync("embed", "--file", path, "--json");
        var fromText = await RunAsync("embed", "--text", "Registered nurse, ICU, Zürich", "--json");

        Assert.Equal(0, fromFile.Code);
        Assert.Equal(Embedding(JsonDocument.Parse(fromText.Stdout).RootElement), Embedding(JsonDocument.Parse(fromFile.Stdout).RootElement));
    }

    [Fact]
    public async Task Embed_LongTextWindowed_CountsEveryTokenAndIsNotTruncated()
    {
        var text = string.Concat(Enumerable.Repeat("Payroll, audits and tax returns for small firms. ", 60));

        var truncated = await RunAsync("embed", "--text", text, "--json");
        var windowed = await RunAsync("embed", "--text", text, "--json", "--long-texts", "window");

        Assert.Equal(256, JsonDocument.Parse(truncated.Stdout).RootElement.GetProperty("tokens").GetInt32());
        Assert.True(JsonDocument.Parse(truncated.Stdout).RootElement.GetProperty("truncated").GetBoolean());
        Assert.True(JsonDocument.Parse(windowed.Stdout).RootElement.GetProperty("tokens").GetInt32() > 256);
        Assert.False(JsonDocument.Parse(windowed.Stdout).RootElement.GetProperty("truncated").GetBoolean());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public async Task Embed_EmptyText_ExitsOneWithOneLine(string text)
    {
        var (code, stdout, stderr) = await RunAsync("embed", "--text", text);
        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Equal("error: the text is empty: give --text or --file with some text to embed.", stderr.Trim().Split('\n')[^1]);
    }

    [Fact]
    public async Task Embed_NonUtf8File_ExitsOneNamingTheByte()
    {
        var path = Path.Combine(_dir, "latin1.txt");
        await File.WriteAllBytesAsync(path, [.. "caf"u8, 0xE9, .. " au lait"u8]);

        var (code, _, stderr) = await RunAsync("embed", "--file", path);

        Assert.Equal(1, code);
        var line = stderr.Trim().Split('\n')[^1];
        Assert.StartsWith($"error: {path} is not valid UTF-8 (byte 3 of 12)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_MissingFile_ExitsOneNamingIt()
    {
        var path = Path.Combine(_dir, "absent.txt");
        var (code, _, stderr) = await RunAsync("embed", "--file", path);
        Assert.Equal(1, code);
        Assert.Equal($"error: file not found: {path}", stderr.Trim().Split('\n')[^1]);
    }

    [Fact]
    public async Task Embed_BothTextAndFile_ExitsOne()
    {
        var (code, _, stderr) = await RunAsync("embed", "--text", "a", "--file", "b");
        Assert.Equal(1, code);
        Assert.Contains("exactly one of --text and --file", stderr, StringComparison.Ordinal);
    }
}
