using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using ReplyCoach.Cli.Output;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Coaching;
using ReplyCoach.Core.Coaching.CoolingOff;
using ReplyCoach.Core.Coaching.Evaluation;
using ReplyCoach.Core.Coaching.LanguageModel;
using ReplyCoach.Core.Drafts;
using Spectre.Console;

namespace ReplyCoach.Cli.Commands;

/// <summary>
/// <c>replycoach coach FILE|-</c>: the flagged spans with verified suggestions, the full rewrite with its changes
/// marked, the risk that remains and the cooling-off advice (or <c>--json</c>). With <c>--paradetox PATH</c> it
/// measures the built-in rewriter on ParaDetox-style pairs instead.
/// </summary>
internal static class CoachCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("FILE")
        {
            Description = "The draft: a .txt, .html or .eml file, or - for standard input.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON instead of the report." };
        var format = new Option<string?>("--format") { Description = "How to read FILE: auto (default), text, html or eml." };
        var incoming = new Option<string?>("--incoming") { Description = "A file with the customer's message being answered (default: the quoted message in the draft)." };
        var receivedAt = new Option<string?>("--received-at") { Description = "When the customer's message arrived (ISO 8601, e.g. 2025-03-03T09:12:00+01:00)." };
        var recent = new Option<int>("--recent-flagged") { Description = "How many of this agent's drafts were flagged recently." };
        var zone = new Option<string?>("--recipient-tz") { Description = "The recipient's IANA time zone, e.g. Europe/Berlin." };
        var hours = new Option<string?>("--recipient-hours") { Description = "The recipient's working hours, e.g. 09:00-17:00." };
        var days = new Option<string?>("--recipient-days") { Description = "The recipient's working days, e.g. Mon-Fri (default) or Sun-Thu." };
        var model = new Option<string?>("--model") { Description = "A model file from 'replycoach train' instead of the built-in model." };
        var paradetox = new Option<string?>("--paradetox")
        {
            Description = "Measure the built-in rewriter on a ParaDetox-style TSV (id, toxic, neutral1..3) instead of coaching a draft.",
        };
        var limit = new Option<int>("--limit") { Description = "With --paradetox: read at most this many rows (default: all)." };
        var samples = new Option<string?>("--samples") { Description = "With --paradetox: write each flagged sentence, its rewrite and a human rewrite to this TSV file, for reading." };

        var command = new Command("coach", "Coach a draft: which words, why, verified gentler wording, the full rewrite, and how long to wait before sending.")
        {
            file, json, format, incoming, receivedAt, recent, zone, hours, days, model, paradetox, limit, samples,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var analyzer = EngineFactory.CreateAnalyzer(parse.GetValue(model));
            if (parse.GetValue(paradetox) is { } dataPath)
            {
                return await MeasureAsync(analyzer, dataPath, parse.GetValue(limit), parse.GetValue(json), parse.GetValue(samples), cancellationToken);
            }

            var path = parse.GetValue(file) ?? throw new CliException("Name a draft FILE, or - for standard input (or use --paradetox PATH).");
            var coach = CreateCoach(analyzer, withCoolingOff: true, withLanguageModel: true);
            var draft = await InputReader.ReadDraftAsync(new DraftNormalizer(), path, InputReader.ParseFormat(parse.GetValue(format)), cancellationToken);
            var incomingText = parse.GetValue(incoming) is { } incomingPath ? await InputReader.ReadTextAsync(incomingPath, cancellationToken) : null;
            var context = new CoachingContext(
                incomingText,
                ParseTime(parse.GetValue(receivedAt)),
                Math.Max(0, parse.GetValue(recent)),
                ParseRecipient(parse.GetValue(zone), parse.GetValue(hours), parse.GetValue(days)));
            var result = await coach.CoachAsync(analyzer.Analyze(draft, incomingText), context, cancellationToken);
            if (parse.GetValue(json))
            {
                await using var stdout = Console.OpenStandardOutput();
                await using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
                {
                    CoachingJson.WriteDetailed(writer, result);
                }

                stdout.WriteByte((byte)'\n');
            }
            else
            {
                CoachReport.Write(result);
            }

            return 0;
        });
        return command;
    }

    /// <summary>Builds the coach from configuration (sections "Coaching" and "CoolingOff" under "ReplyCoach").</summary>
    internal static DraftCoach CreateCoach(DraftAnalyzer analyzer, bool withCoolingOff, bool withLanguageModel)
    {
        var options = new CoachingOptions();
        EngineFactory.Config.GetSection(CoachingOptions.Section).Bind(options);
        var cooling = new CoolingOffOptions();
        EngineFactory.Config.GetSection(CoolingOffOptions.Section).Bind(cooling);
        try
        {
            CoachingOptions.EnsureValid(options);
            CoachingOptions.EnsureValid(cooling);
        }
        catch (System.ComponentModel.DataAnnotations.ValidationException e)
        {
            throw new CliException("The coaching settings are invalid: " + e.Message);
        }

        ISentenceRewriter? languageModel = null;
        if (withLanguageModel && options.LanguageModel.Enabled)
        {
            // One client for the process; its timeout is the coach's, not HttpClient's.
            var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            languageModel = new ChatClientRewriter(new OpenAiCompatibleChatClient(http, options.LanguageModel), options.LanguageModel.Model);
        }

        return new DraftCoach(analyzer, options, languageModel, withCoolingOff ? new CoolingOffPolicy(cooling, TimeProvider.System) : null, TimeProvider.System);
    }

    private static DateTimeOffset? ParseTime(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : throw new CliException($"'{value}' is not a date and time such as 2025-03-03T09:12:00+01:00.");
    }

    private static RecipientSchedule? ParseRecipient(string? zone, string? hours, string? days)
    {
        if (zone is null && hours is null && days is null)
        {
            return null;
        }

        try
        {
            var workingHours = hours is null ? null : WorkingHours.Parse(hours, days);
            if (hours is null && days is not null)
            {
                workingHours = WorkingHours.Parse("09:00-17:00", days);
            }

            return new RecipientSchedule(zone, workingHours);
        }
        catch (FormatException e)
        {
            throw new CliException(e.Message);
        }
    }

    private static async Task<int> MeasureAsync(DraftAnalyzer analyzer, string path, int limit, bool json, string? samplesPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"The file '{path}' does not exist.");
        }

        var coach = CreateCoach(analyzer, withCoolingOff: false, withLanguageModel: false);
        await using var samples = samplesPath is null ? null : new StreamWriter(samplesPath, append: false, new UTF8Encoding(false));
        var report = await ParadetoxEvaluation.RunAsync(
            coach,
            path,
            Math.Max(0, limit),
            samples is null ? null : (source, rewrite, reference) => samples.WriteLine($"{source}\t{rewrite}\t{reference}"),
            cancellationToken);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                rows = report.Rows,
                flagged_before = report.FlaggedBefore,
                below_caution_after = report.BelowCautionAfter,
                below_caution_share = Math.Round(report.BelowCautionShare, 4),
                changed = report.Changed,
                chrf_to_references = Math.Round(report.ChrFToReferences, 2),
                chrf_to_source = Math.Round(report.ChrFToSource, 2),
                chrf_source_to_references = Math.Round(report.ChrFSourceToReferences, 2),
                chrf_flagged_to_references = Math.Round(report.ChrFFlaggedToReferences, 2),
                chrf_flagged_source_to_references = Math.Round(report.ChrFFlaggedSourceToReferences, 2),
                with_facts = report.WithFacts,
                facts_kept = report.FactsKept,
                facts_kept_share = Math.Round(report.FactsKeptShare, 4),
                seconds = Math.Round(report.Elapsed.TotalSeconds, 1),
            }));
            return 0;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn("Measure").AddColumn(new TableColumn("Value").RightAligned());
        table.AddRow("Sentences read", report.Rows.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Flagged (caution or above) before", $"{report.FlaggedBefore} ({Share(report.FlaggedBefore, report.Rows)})");
        table.AddRow("  … below caution after the rewrite", $"{report.BelowCautionAfter} ({AssessmentJson.Percent(report.BelowCautionShare)})");
        table.AddRow("Changed by the coach", report.Changed.ToString(CultureInfo.InvariantCulture));
        table.AddRow("chrF to the human rewrites (all)", report.ChrFToReferences.ToString("0.00", CultureInfo.InvariantCulture));
        table.AddRow("  baseline: source unchanged", report.ChrFSourceToReferences.ToString("0.00", CultureInfo.InvariantCulture));
        table.AddRow("chrF to the human rewrites (flagged)", report.ChrFFlaggedToReferences.ToString("0.00", CultureInfo.InvariantCulture));
        table.AddRow("  baseline: source unchanged", report.ChrFFlaggedSourceToReferences.ToString("0.00", CultureInfo.InvariantCulture));
        table.AddRow("chrF to the source (all)", report.ChrFToSource.ToString("0.00", CultureInfo.InvariantCulture));
        table.AddRow("Flagged sentences with facts", report.WithFacts.ToString(CultureInfo.InvariantCulture));
        table.AddRow("  … all facts kept", $"{report.FactsKept} ({AssessmentJson.Percent(report.FactsKeptShare)})");
        table.AddRow("Time", $"{report.Elapsed.TotalSeconds:0.0} s");
        AnsiConsole.Write(new Rule("[bold]ReplyCoach[/] · built-in rewriter on ParaDetox pairs").LeftJustified());
        AnsiConsole.Write(table);
        return 0;
    }

    private static string Share(int part, int whole) => AssessmentJson.Percent(whole == 0 ? 0 : (double)part / whole);
}

/// <summary>The JSON of <c>replycoach coach --json</c>.</summary>
internal static class CoachingJson
{
    public static void WriteDetailed(Utf8JsonWriter writer, CoachingResult result)
    {
        var assessment = result.Assessment;
        writer.WriteStartObject();
        writer.WriteString("status", AssessmentJson.StatusName(assessment.Status));
        writer.WriteNumber("risk", Round(assessment.Risk));
        writer.WriteString("level", ToneCategories.Name(assessment.Level));
        writer.WriteNumber("remainingRisk", Round(result.RemainingRisk));
        writer.WriteString("remainingLevel", ToneCategories.Name(result.RemainingLevel));
        writer.WriteBoolean("incomingUpset", result.IncomingUpset);
        writer.WriteStartArray("spans");
        foreach (var span in result.Spans)
        {
            writer.WriteStartObject();
            writer.WriteNumber("start", span.Span.Start);
            writer.WriteNumber("length", span.Span.Length);
            writer.WriteNumber("originalStart", span.Original.Start);
            writer.WriteNumber("originalLength", span.Original.Length);
            writer.WriteString("text", span.Text);
            writer.WriteString("category", ToneCategories.Name(span.Span.Category));
            writer.WriteString("reason", span.Span.Reason);
            writer.WriteNumber("sentence", span.SentenceIndex);
            writer.WriteStartArray("suggestions");
            foreach (var suggestion in span.Suggestions)
            {
                writer.WriteStartObject();
                writer.WriteString("sentence", suggestion.SentenceAfter);
                writer.WriteString("rationale", suggestion.Rationale);
                writer.WriteNumber("riskBefore", Round(suggestion.RiskBefore));
                writer.WriteNumber("riskAfter", Round(suggestion.RiskAfter));
                writer.WriteString("source", Source(suggestion.Source));
                WriteEdits(writer, suggestion.Edits);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        var rewrite = result.Rewrite;
        writer.WriteStartObject("rewrite");
        writer.WriteBoolean("changed", rewrite.Changed);
        writer.WriteString("content", rewrite.Content);
        writer.WriteString("text", rewrite.Text);
        if (rewrite.Opener is { } opener)
        {
            writer.WriteString("opener", opener);
        }

        WriteEdits(writer, rewrite.Edits);
        writer.WriteStartArray("sentences");
        foreach (var sentence in rewrite.Sentences)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", sentence.SentenceIndex);
            writer.WriteString("before", sentence.Before);
            writer.WriteString("after", sentence.After);
            writer.WriteString("rationale", sentence.Rationale);
            writer.WriteNumber("riskBefore", Round(sentence.RiskBefore));
            writer.WriteNumber("riskAfter", Round(sentence.RiskAfter));
            writer.WriteString("source", Source(sentence.Source));
            writer.WriteBoolean("fixed", sentence.Fixed);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WritePropertyName("unfixed");
        WriteUnfixed(writer, assessment, result.Unfixed, originalOffsets: false);
        if (result.CoolingOff is { } advice)
        {
            writer.WriteStartObject("coolingOff");
            writer.WriteNumber("minutes", advice.Minutes);
            writer.WriteString("sendAt", advice.SendAt.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteStartArray("reasons");
            foreach (var reason in advice.Reasons)
            {
                writer.WriteStringValue(reason);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteStartArray("notes");
        foreach (var note in result.Notes)
        {
            writer.WriteStringValue(note);
        }

        writer.WriteEndArray();

        // Only present when a cap left something out, so the output for ordinary drafts stays as it was.
        if (result.UncoachedSentences > 0)
        {
            writer.WriteNumber("uncoachedSentences", result.UncoachedSentences);
        }

        if (result.SpansWithoutSuggestions > 0)
        {
            writer.WriteNumber("spansWithoutSuggestions", result.SpansWithoutSuggestions);
        }

        if (assessment.OmittedSpans > 0)
        {
            writer.WriteNumber("omittedSpans", assessment.OmittedSpans);
        }

        writer.WriteEndObject();
    }

    /// <summary>The unfixed spans: start and length (in the normalised text, or in the input as given), category, reason.</summary>
    public static void WriteUnfixed(Utf8JsonWriter writer, Assessment assessment, IReadOnlyList<Evidence> unfixed, bool originalOffsets)
    {
        writer.WriteStartArray();
        foreach (var span in unfixed)
        {
            var original = assessment.ToOriginal(span);
            writer.WriteStartObject();
            writer.WriteNumber("start", originalOffsets ? original.Start : span.Start);
            writer.WriteNumber("length", originalOffsets ? original.Length : span.Length);
            if (!originalOffsets)
            {
                writer.WriteNumber("originalStart", original.Start);
                writer.WriteNumber("originalLength", original.Length);
            }

            writer.WriteString("category", ToneCategories.Name(span.Category));
            writer.WriteString("reason", span.Reason);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteEdits(Utf8JsonWriter writer, IReadOnlyList<TextEdit> edits)
    {
        writer.WriteStartArray("edits");
        foreach (var edit in edits)
        {
            writer.WriteStartObject();
            writer.WriteNumber("start", edit.Start);
            writer.WriteNumber("length", edit.Length);
            writer.WriteString("replacement", edit.Replacement);
            writer.WriteNumber("originalStart", edit.OriginalStart);
            writer.WriteNumber("originalLength", edit.OriginalLength);
            writer.WriteString("originalReplacement", edit.OriginalReplacement);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static string Source(RewriteSource source) => source == RewriteSource.LanguageModel ? "language-model" : "built-in";

    public static double Round(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}

/// <summary>The terminal report of <c>replycoach coach</c>.</summary>
internal static class CoachReport
{
    public static void Write(CoachingResult result, IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Console;
        var assessment = result.Assessment;
        var draft = assessment.Draft;
        console.Write(new Rule(
            $"[bold]ReplyCoach coach[/] · {Level(assessment.Level)} risk {AssessmentJson.Percent(assessment.Risk)} → {Level(result.RemainingLevel)} {AssessmentJson.Percent(result.RemainingRisk)} after the rewrite").LeftJustified());

        if (draft.Status != DraftStatus.Ok)
        {
            console.MarkupLine(draft.Status == DraftStatus.Empty
                ? "[grey]Nothing to coach: the draft has no words of the agent's own.[/]"
                : $"[yellow]Not coached: the draft does not look like English (language guess: {Markup.Escape(draft.Language)}).[/]");
            return;
        }

        if (result.Spans.Count == 0)
        {
            console.MarkupLine("[green]Nothing flagged: the reply reads as civil.[/]");
        }
        else
        {
            console.MarkupLine("[bold]Flagged words and what to write instead[/]");
            for (var i = 0; i < result.Spans.Count; i++)
            {
                var span = result.Spans[i];
                console.MarkupLine($"[red][[{i + 1}]][/] \"{Markup.Escape(span.Text)}\" — [bold]{ToneCategories.Name(span.Span.Category)}[/]: {Markup.Escape(span.Span.Reason)}");
                if (span.Suggestions.Count == 0)
                {
                    console.MarkupLine("    [yellow]no rewording could be verified (it did not lower the risk, or lost a fact or the meaning)[/]");
                }

                foreach (var suggestion in span.Suggestions)
                {
                    var after = suggestion.SentenceAfter.Length == 0 ? "(drop the sentence)" : suggestion.SentenceAfter;
                    var source = suggestion.Source == RewriteSource.LanguageModel ? " [grey](language model)[/]" : string.Empty;
                    console.MarkupLine($"    [green]→[/] {Markup.Escape(after)}{source}");
                    console.MarkupLine($"      [grey]{Markup.Escape(suggestion.Rationale)} · risk {AssessmentJson.Percent(suggestion.RiskBefore)} → {AssessmentJson.Percent(suggestion.RiskAfter)}[/]");
                }
            }

            console.WriteLine();
            console.MarkupLine("[bold]The rewrite[/] ([red strikethrough]removed[/], [green]added[/]; quoted thread and signature untouched):");
            console.Write(new Panel(new Markup(Marked(draft, result.Rewrite))).Border(BoxBorder.Rounded).Expand());
            if (result.Rewrite.Opener is not null)
            {
                console.MarkupLine("[grey]The customer sounds upset and the draft did not acknowledge it, so the rewrite opens with an acknowledgement.[/]");
            }
        }

        if (result.Unfixed.Count > 0)
        {
            console.MarkupLine($"[yellow]Could not be fixed safely ({result.Unfixed.Count}):[/]");
            foreach (var span in result.Unfixed)
            {
                console.MarkupLine($"  \"{Markup.Escape(draft.Text.Substring(span.Start, span.Length))}\" — {ToneCategories.Name(span.Category)}");
            }
        }

        console.MarkupLine($"[bold]Remaining risk[/]: {AssessmentJson.Percent(result.RemainingRisk)} ({ToneCategories.Name(result.RemainingLevel)})");
        if (result.CoolingOff is { } advice)
        {
            console.WriteLine();
            console.MarkupLine(advice.Minutes == 0
                ? "[bold]Cooling off[/]: none needed."
                : $"[bold]Cooling off[/]: wait {advice.Minutes} minutes; send at {advice.SendAt.ToLocalTime():ddd d MMM HH:mm} (your time).");
            foreach (var reason in advice.Reasons)
            {
                console.MarkupLine($"  · {Markup.Escape(reason)}");
            }
        }

        foreach (var note in result.Notes)
        {
            console.MarkupLine($"[grey]Note: {Markup.Escape(note)}[/]");
        }
    }

    /// <summary>The agent's words with each reworded sentence struck through and its rewording after it, and the opener.</summary>
    internal static string Marked(NormalizedDraft draft, DraftRewrite rewrite)
    {
        var text = draft.Text;
        var changed = rewrite.Sentences.Where(static s => !string.Equals(s.Before, s.After, StringComparison.Ordinal)).ToDictionary(static s => s.SentenceIndex);
        var builder = new StringBuilder(text.Length * 2);
        var at = 0;
        var opener = rewrite.Opener is null ? null : rewrite.Edits.FirstOrDefault(e => e.Length == 0 && e.Replacement.StartsWith(rewrite.Opener, StringComparison.Ordinal));
        foreach (var sentence in draft.Sentences)
        {
            if (opener is not null && opener.Start <= sentence.Start && opener.Start >= at)
            {
                builder.Append(Markup.Escape(text[at..opener.Start])).Append("[green]").Append(Markup.Escape(opener.Replacement)).Append("[/]");
                at = opener.Start;
                opener = null;
            }

            if (!changed.TryGetValue(sentence.Index, out var result))
            {
                continue;
            }

            builder.Append(Markup.Escape(text[at..sentence.Start]));
            builder.Append("[red strikethrough]").Append(Markup.Escape(sentence.Text)).Append("[/]");
            if (result.After.Length > 0)
            {
                builder.Append(' ').Append("[green]").Append(Markup.Escape(result.After)).Append("[/]");
            }

            at = sentence.End;
        }

        return builder.Append(Markup.Escape(text[at..])).ToString();
    }

    private static string Level(RiskLevel level) => level switch
    {
        RiskLevel.Hold => "[bold white on red] HOLD [/]",
        RiskLevel.Caution => "[bold black on yellow] CAUTION [/]",
        _ => "[bold white on green] OK [/]",
    };
}
