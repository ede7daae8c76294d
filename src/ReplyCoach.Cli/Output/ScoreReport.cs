using System.Text;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Drafts;
using Spectre.Console;

namespace ReplyCoach.Cli.Output;

/// <summary>The terminal report of <c>replycoach score</c>: the agent's words with flagged spans highlighted and the reasons.</summary>
internal static class ScoreReport
{
    public static void Write(Assessment assessment, IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Console;
        var draft = assessment.Draft;
        console.Write(new Rule($"[bold]ReplyCoach[/] · {LevelMarkup(assessment.Level)} · risk {AssessmentJson.Percent(assessment.Risk)}").LeftJustified());

        if (draft.Status == DraftStatus.Empty)
        {
            console.MarkupLine("[grey]Nothing to score: the draft has no words of the agent's own (it is empty, or only a quoted thread and a signature).[/]");
            WriteStripped(console, draft);
            return;
        }

        if (draft.Status == DraftStatus.UnsupportedLanguage)
        {
            console.MarkupLine($"[yellow]Not scored: the draft does not look like English (language guess: {Markup.Escape(draft.Language)}). ReplyCoach scores English replies only.[/]");
            WriteStripped(console, draft);
            return;
        }

        var categories = new Table().Border(TableBorder.Rounded).AddColumn("Category").AddColumn("Score").AddColumn("");
        foreach (var category in ToneCategories.All)
        {
            var score = assessment.Categories[category];
            var bar = new string('█', (int)Math.Round(score * 20));
            var colour = score >= 0.5 ? "red" : score >= 0.2 ? "yellow" : "grey";
            categories.AddRow(ToneCategories.Name(category), AssessmentJson.Percent(score), $"[{colour}]{bar}[/]");
        }

        console.Write(categories);
        console.WriteLine();
        console.MarkupLine("[bold]The agent's words[/] (flagged words highlighted):");
        console.Write(new Panel(new Markup(Highlight(draft.Text, assessment.Spans))).Border(BoxBorder.Rounded).Expand());

        if (assessment.Spans.Count > 0)
        {
            console.MarkupLine("[bold]Why[/]");
            for (var i = 0; i < assessment.Spans.Count; i++)
            {
                var span = assessment.Spans[i];
                var words = draft.Text.Substring(span.Start, span.Length);
                console.MarkupLine($"  [red][[{i + 1}]][/] \"{Markup.Escape(Shorten(words, 80))}\" — [bold]{ToneCategories.Name(span.Category)}[/]: {Markup.Escape(span.Reason)}");
            }
        }
        else
        {
            console.MarkupLine("[green]Nothing flagged: the reply reads as civil.[/]");
        }

        console.WriteLine();
        var sentences = new Table().Border(TableBorder.Simple).AddColumn("#").AddColumn("Risk").AddColumn("Sentence");
        foreach (var sentence in assessment.Sentences)
        {
            var colour = sentence.Risk >= 0.5 ? "red" : sentence.Risk >= 0.2 ? "yellow" : "grey";
            sentences.AddRow(
                (sentence.Sentence.Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"[{colour}]{AssessmentJson.Percent(sentence.Risk)}[/]",
                Markup.Escape(Shorten(sentence.Sentence.Text, 100)));
        }

        console.MarkupLine($"[bold]Sentences[/] ({assessment.Sentences.Count})");
        console.Write(sentences);
        WriteStripped(console, draft);
    }

    private static void WriteStripped(IAnsiConsole console, NormalizedDraft draft)
    {
        if (draft.Stripped.Count == 0)
        {
            return;
        }

        console.MarkupLine("[bold]Not scored[/] (not written by the agent for this reply):");
        foreach (var part in draft.Stripped)
        {
            console.MarkupLine($"  [grey]{part.Kind}:[/] {Markup.Escape(Shorten(part.Text.ReplaceLineEndings(" "), 90))}");
        }
    }

    /// <summary>Builds markup of the text with every span in reverse video, each followed by its number.</summary>
    internal static string Highlight(string text, IReadOnlyList<Evidence> spans)
    {
        var builder = new StringBuilder(text.Length + spans.Count * 24);
        var at = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            var start = Math.Max(span.Start, at);
            if (start >= span.End)
            {
                builder.Append($"[red][[{i + 1}]][/]");
                continue;
            }

            builder.Append(Markup.Escape(text[at..start]));
            builder.Append("[bold white on red]").Append(Markup.Escape(text[start..span.End])).Append("[/]");
            builder.Append($"[red][[{i + 1}]][/]");
            at = span.End;
        }

        builder.Append(Markup.Escape(text[at..]));
        return builder.ToString();
    }

    private static string LevelMarkup(RiskLevel level) => level switch
    {
        RiskLevel.Hold => "[bold white on red] HOLD [/]",
        RiskLevel.Caution => "[bold black on yellow] CAUTION [/]",
        _ => "[bold white on green] OK [/]",
    };

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
