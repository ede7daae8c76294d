using BenchmarkDotNet.Attributes;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Analysis.Detectors;
using ReplyCoach.Core.Coaching;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Ml;

namespace ReplyCoach.Benchmarks;

/// <summary>
/// The coaching layer on a 300-word reply with three flagged sentences: per-span suggestions plus the verified full
/// rewrite with the built-in rewriter (every candidate re-scored by the engine). The draft is analysed once in
/// setup; what is timed is <see cref="DraftCoach.Coach"/>. Run: <c>dotnet run -c Release --project tests/ReplyCoach.Benchmarks -- --filter *Coaching*</c>.
/// </summary>
[MemoryDiagnoser]
public class CoachingBenchmarks
{
    /// <summary>A realistic reply: civil sentences around three hostile ones, then a signature and the quoted thread.</summary>
    public const string Draft =
        "Hi Sam,\n\n" +
        "Thank you for getting back to us about the repair of your phone, and for sending the photos of the damage. " +
        "I have looked at the case notes for order 48213 and at the report from our workshop in Leeds. " +
        "The technician found a cracked display and a bent frame near the charging port. " +
        "You must have dropped the phone, you idiot. " +
        "Damage of this kind is not covered by the standard warranty, which only includes faults in materials or workmanship. " +
        "We can still repair the phone for a fixed price of £120, which includes the new display, the frame and return shipping. " +
        "The repair usually takes five working days from the moment the phone arrives at the workshop. " +
        "If you would like to go ahead, please reply to this email or approve the quote in your account at https://example.com/account/repairs. " +
        "Pay the invoice of £120 by Friday or else. " +
        "If you prefer not to repair the phone, we will send it back to you at no cost within two working days. " +
        "Please make sure that the delivery address in your account is still correct before we ship it. " +
        "What the hell did you do to the charger as well? " +
        "The charger that came with the phone was also in the parcel, and it works as expected in our tests. " +
        "You are welcome to keep it, or we can recycle it for you if you no longer need it. " +
        "If you have any questions about the quote, you can call our repair desk on 0113 496 0000 between 9am and 5pm. " +
        "You can also reply to this email and quote your ticket number CS-7731 so that we can find your case quickly. " +
        "We appreciate your patience while we looked into this, and we hope to have your phone working again soon. " +
        "Thanks again for choosing us.\n\n" +
        "Kind regards,\nAnna Berg\nCustomer Care, Example Ltd\n\n" +
        "On Mon, 3 Mar 2025 at 09:12, Sam Lee <sam@example.org> wrote:\n> My phone stopped working after two weeks. I want a new one!\n";

    private DraftCoach _detectorsOnly = null!;
    private Assessment _detectorsOnlyAssessment = null!;
    private DraftCoach? _withModel;
    private Assessment? _withModelAssessment;

    [GlobalSetup]
    public void Setup()
    {
        var normalizer = new DraftNormalizer();
        var detectors = new DraftAnalyzer(normalizer, new ToneDetector(), null, new AnalysisOptions());
        _detectorsOnly = new DraftCoach(detectors);
        _detectorsOnlyAssessment = detectors.Analyze(Draft, DraftFormat.Text);

        if (ToneModelLoader.LoadBuiltIn() is { } model)
        {
            var withModel = new DraftAnalyzer(normalizer, new ToneDetector(), model, new AnalysisOptions());
            _withModel = new DraftCoach(withModel);
            _withModelAssessment = withModel.Analyze(Draft, DraftFormat.Text);
        }

        var flagged = _detectorsOnlyAssessment.Sentences.Count(s => s.Risk >= detectors.Options.CautionThreshold);
        var words = _detectorsOnlyAssessment.Draft.Text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length;
        Console.WriteLine($"// agent's words: {words}, flagged sentences (detectors only): {flagged}, built-in model: {(_withModel is null ? "none" : "loaded")}");
    }

    /// <summary>Suggestions and full rewrite, scored by the detectors alone.</summary>
    [Benchmark(Baseline = true)]
    public CoachingResult DetectorsOnly() => _detectorsOnly.Coach(_detectorsOnlyAssessment);

    /// <summary>Suggestions and full rewrite, scored by the detectors and the built-in model (when embedded).</summary>
    [Benchmark]
    public CoachingResult? WithBuiltInModel() => _withModel?.Coach(_withModelAssessment!);
}
