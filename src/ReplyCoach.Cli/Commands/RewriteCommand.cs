using System.CommandLine;
using System.Text;
using System.Text.Json;
using ReplyCoach.Cli.Output;
using ReplyCoach.Core.Coaching;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Cli.Commands;

/// <summary>
/// <c>replycoach rewrite FILE|-</c> prints the verified full rewrite of a draft; <c>replycoach rewrite --jsonl</c>
/// streams a batch. Batch contract (keep stable): input lines <c>{"id","text","incoming"?}</c>, output lines
/// <c>{"id","rewrite","risk_before","risk_after","unfixed":[{"start","length","category","reason"}]}</c> with
/// offsets into the input text as given; a bad line yields <c>{"id","error"}</c> and the batch goes on; exit code 0
/// unless the input stream itself fails.
/// </summary>
internal static class RewriteCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("FILE")
        {
            Description = "The draft: a .txt, .html or .eml file, or - for standard input. Not used with --jsonl.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var jsonl = new Option<bool>("--jsonl")
        {
            Description = "Batch mode: read {\"id\",\"text\",\"incoming\"?} lines on standard input, write {\"id\",\"rewrite\",\"risk_before\",\"risk_after\",\"unfixed\"} lines.",
        };
        var format = new Option<string?>("--format") { Description = "How to read FILE: auto (default), text, html or eml." };
        var incoming = new Option<string?>("--incoming") { Description = "A file with the customer's message being answered." };
        var model = new Option<string?>("--model") { Description = "A model file from 'replycoach train' instead of the built-in model." };

        var command = new Command("rewrite", "Rewrite a draft: every flagged sentence reworded and verified, everything else untouched.")
        {
            file, jsonl, format, incoming, model,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var analyzer = EngineFactory.CreateAnalyzer(parse.GetValue(model));
            var coach = CoachCommand.CreateCoach(analyzer, withCoolingOff: false, withLanguageModel: true);
            if (parse.GetValue(jsonl))
            {
                if (parse.GetValue(file) is { } stray && stray != "-")
                {
                    throw new CliException("--jsonl reads standard input; do not name a FILE.");
                }

                using var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
                await using var output = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
                await RunBatchAsync(coach, input, output, cancellationToken);
                return 0;
            }

            var path = parse.GetValue(file) ?? throw new CliException("Name a draft FILE, or - for standard input (or use --jsonl).");
            var draft = await InputReader.ReadDraftAsync(new DraftNormalizer(), path, InputReader.ParseFormat(parse.GetValue(format)), cancellationToken);
            var incomingText = parse.GetValue(incoming) is { } incomingPath ? await InputReader.ReadTextAsync(incomingPath, cancellationToken) : null;
            var result = await coach.CoachAsync(analyzer.Analyze(draft, incomingText), new CoachingContext(incomingText), cancellationToken);
            await Console.Out.WriteAsync(result.Rewrite.Content);
            if (result.Unfixed.Count > 0)
            {
                await Console.Error.WriteLineAsync($"replycoach: {result.Unfixed.Count} flagged span(s) could not be fixed safely; remaining risk {AssessmentJson.Percent(result.RemainingRisk)}.");
            }

            return 0;
        });
        return command;
    }

    /// <summary>Runs the batch contract over a reader and a stream (streaming, in input order).</summary>
    internal static Task<long> RunBatchAsync(DraftCoach coach, TextReader input, Stream output, CancellationToken cancellationToken) =>
        JsonlBatch.RunAsync(input, output, (request, writer) => WriteLine(coach, request, writer, cancellationToken), cancellationToken);

    private static void WriteLine(DraftCoach coach, JsonlRequest request, Utf8JsonWriter writer, CancellationToken cancellationToken)
    {
        var assessment = coach.Analyzer.Analyze(request.Text, DraftFormat.Auto, request.Incoming);

        // The batch handler is synchronous; with a language model configured the wait is bounded by its timeout.
        var result = coach.CoachAsync(assessment, new CoachingContext(request.Incoming), cancellationToken).GetAwaiter().GetResult();
        writer.WriteStartObject();
        writer.WritePropertyName("id");
        if (request.Id is { } id)
        {
            id.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteString("rewrite", result.Rewrite.Content);
        writer.WriteNumber("risk_before", CoachingJson.Round(assessment.Risk));
        writer.WriteNumber("risk_after", CoachingJson.Round(result.RemainingRisk));
        writer.WritePropertyName("unfixed");
        CoachingJson.WriteUnfixed(writer, assessment, result.Unfixed, originalOffsets: true);
        writer.WriteEndObject();
    }
}
