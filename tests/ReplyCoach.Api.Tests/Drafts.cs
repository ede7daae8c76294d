using System.Net.Http.Json;
using System.Text;

namespace ReplyCoach.Api.Tests;

/// <summary>Drafts and request helpers shared by the tests.</summary>
internal static class Drafts
{
    public const string Polite =
        "Hi Mark,\n\nThank you for sending the photos. I have arranged a replacement hinge for your dishwasher (order #48213); " +
        "the engineer will visit on 3 March between 8:00 and 12:00. If that time does not suit you, reply to this e-mail and I will rebook it.\n\nKind regards,\nSam";

    public const string Hostile =
        "Mark,\n\nI have read your e-mail three times and I still can't believe it. Honestly, anyone who had bothered to read the manual " +
        "would have known not to lift the door by the handle. This is your fault, not ours, and you are lying about the calls. " +
        "People like you never read the instructions. Stop wasting my time.\n\nSam";

    public static StringContent Json(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostDraftAsync(this HttpClient client, string path, string draft, string? format = null) =>
        client.PostAsync(path, Json(new { draft, format }));

    /// <summary>A draft of about <paramref name="words"/> words in the style of a real support reply.</summary>
    public static string OfWords(int words, bool hostile)
    {
        var sentences = new[]
        {
            "Thank you for getting back to us about order 48213.",
            "I checked the delivery record and the parcel was signed for on 14 February.",
            "The replacement part is in stock and can be sent out today.",
            "Please keep the original packaging until the engineer has visited.",
            "If the new hinge does not fit, send us a photo and we will arrange a refund.",
        };
        var builder = new StringBuilder("Hi Mark,\n\n");
        var count = 2;
        var i = 0;
        if (hostile)
        {
            builder.Append("Honestly, anyone who had bothered to read the manual would have known this. You are lying about the calls. ");
            count += 20;
        }

        while (count < words)
        {
            var sentence = sentences[i++ % sentences.Length];
            builder.Append(sentence).Append(' ');
            count += sentence.Split(' ').Length;
        }

        return builder.Append("\n\nKind regards,\nSam").ToString();
    }
}
