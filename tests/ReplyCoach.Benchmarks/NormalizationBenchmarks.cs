using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Text;
using BenchmarkDotNet.Attributes;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Benchmarks;

/// <summary>
/// Normalising a ~330-word Outlook desktop reply (Word HTML with its style block, a hostile agent part, a
/// signature and the quoted customer message). The two AngleSharp baselines show how much of the time is the
/// HTML tokenizer itself and what a full DOM parse would cost on top.
/// </summary>
[MemoryDiagnoser]
public class NormalizationBenchmarks
{
    private readonly DraftNormalizer _normalizer = new();
    private readonly HtmlParser _parser = new();
    private string _outlookHtml = string.Empty;
    private string _plainText = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _outlookHtml = File.ReadAllText(SamplePath("outlook-reply.html"));
        _plainText = File.ReadAllText(SamplePath("hostile.txt"));
        if (_normalizer.Normalize(_outlookHtml).Sentences.Count < 10)
        {
            throw new InvalidOperationException("The Outlook sample did not normalise as expected.");
        }
    }

    [Benchmark(Baseline = true)]
    public NormalizedDraft NormalizeOutlookHtmlReply() => _normalizer.Normalize(_outlookHtml);

    [Benchmark]
    public NormalizedDraft NormalizePlainTextReply() => _normalizer.Normalize(_plainText);

    /// <summary>AngleSharp's tokenizer alone over the same HTML, set up as the normaliser uses it: the floor.</summary>
    [Benchmark]
    public int AngleSharpTokenizeOnly()
    {
        using var source = new TextSource(new ReadOnlyMemoryTextSource(_outlookHtml.AsMemory()));
        var tokenizer = new HtmlTokenizer(source, HtmlEntityProvider.ResolverExtended);
        var count = 0;
        while (true)
        {
            ref var token = ref tokenizer.GetStructToken();
            if (token.Type == HtmlTokenType.EndOfFile)
            {
                return count;
            }

            if (token.Type == HtmlTokenType.StartTag && token.Name == "style")
            {
                tokenizer.State = HtmlParseMode.Rawtext;
            }

            count++;
        }
    }

    /// <summary>A full AngleSharp DOM parse (no text extraction): what a DOM-walking normaliser would start from.</summary>
    [Benchmark]
    public int AngleSharpParseDocumentOnly() => _parser.ParseDocument(_outlookHtml).All.Length;

    private static string SamplePath(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "samples", name);
            if (File.Exists(candidate) && File.Exists(Path.Combine(directory.FullName, "ReplyCoach.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("samples/" + name + " not found above " + AppContext.BaseDirectory);
    }
}
