using System.CommandLine;
using System.Text;
using System.Text.Json;
using ReplyCoach.Cli.Output;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Cli.Commands;

/// <summary><c>replycoach score</c>: scores a draft, or a JSON Lines batch.</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("FILE")
        {
            Description = "The draft: a .txt, .html or .eml file, or - for standard input. Not used with --jsonl.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = new Option<bool>("--json") { Description = "Print the detailed result as JSON instead of the report." };
        var jsonl = new Option<bool>("--jsonl")
        {
            Description = "Batch mode: read JSON Lines {\"id\",\"text\",\"incoming\"?} on standard input, write one result line per input.",
        };
        var format = new Option<string?>("--format") { Description = "How to read FILE: auto (default), text, html or eml." };
        var incoming = new Option<string?>("--incoming") { Description = "A file with the customer's message being answered (context)." };
        var model = new Option<string?>("--model") { Description = "A model file from 'replycoach train' instead of the built-in model." };

        var command = new Command("score", "Score a draft for hostile tone: which words, which category, and why.")
        {
            file, json, jsonl, format, incoming, model,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var analyzer = EngineFactory.CreateAnalyzer(parse.GetValue(model));
            if (parse.GetValue(jsonl))
            {
                if (parse.GetValue(file) is { } stray && stray != "-")
                {
                    throw new CliException("--jsonl reads standard input; do not name a FILE.");
                }

                return await RunBatchAsync(analyzer, cancellationToken);
            }

            var path = parse.GetValue(file) ?? throw new CliException("Name a draft FILE, or - for standard input (or use --jsonl).");
            var draft = await InputReader.ReadDraftAsync(new DraftNormalizer(), path, InputReader.ParseFormat(parse.GetValue(format)), cancellationToken);
            var incomingText = parse.GetValue(incoming) is { } incomingPath
                ? await InputReader.ReadTextAsync(incomingPath, cancellationToken)
                : null;
            var assessment = analyzer.Analyze(draft, incomingText);
            if (parse.GetValue(json))
            {
                await using var stdout = Console.OpenStandardOutput();
                await using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
                {
                    AssessmentJson.WriteDetailed(writer, assessment);
                }

                stdout.WriteByte((byte)'\n');
            }
            else
            {
                ScoreReport.Write(assessment);
            }

            return 0;
        });
        return command;
    }

    private static async Task<int> RunBatchAsync(DraftAnalyzer analyzer, CancellationToken cancellationToken)
    {
        using var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        await using var output = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
        await JsonlBatch.RunAsync(
            input,
            output,
            (request, writer) => AssessmentJson.WriteBatchLine(writer, request.Id, analyzer.Analyze(request.Text, DraftFormat.Auto, request.Incoming)),
            cancellationToken);
        return 0;
    }
}
