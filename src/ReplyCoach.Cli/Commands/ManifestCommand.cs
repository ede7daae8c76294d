using System.CommandLine;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace ReplyCoach.Cli.Commands;

/// <summary>
/// <c>replycoach manifest stamp --origin https://host:port</c>: writes the add-in's two manifests (the XML
/// add-in-only manifest and the unified Microsoft 365 JSON manifest) with the service's origin stamped in, the
/// Entra ID client id filled in (or the SSO parts removed when there is none), and the app package zip.
/// </summary>
internal static class ManifestCommand
{
    /// <summary>The origin the templates in manifest/ are written for.</summary>
    public const string TemplateOrigin = "https://localhost:5443";

    /// <summary>The client id placeholder in the templates.</summary>
    public const string TemplateClientId = "00000000-0000-0000-0000-000000000000";

    private static readonly XNamespace VersionOverrides11 = "http://schemas.microsoft.com/office/mailappversionoverrides/1.1";

    public static Command Create()
    {
        var origin = new Option<string>("--origin")
        {
            Description = "Where the ReplyCoach service serves the add-in, e.g. https://replycoach.contoso.com or https://localhost:5443.",
            Required = true,
        };
        var output = new Option<string?>("--out") { Description = "The folder to write to (default: out/manifest)." };
        var clientId = new Option<string?>("--client-id")
        {
            Description = "The application (client) id of the ReplyCoach API in Entra ID, for single sign-on. Without it the manifests carry no SSO section (fine for development mode).",
        };
        var templates = new Option<string?>("--templates") { Description = "The folder with manifest.xml and manifest.json (default: manifest/ of the repository)." };

        var stamp = new Command("stamp", "Write both add-in manifests with the service's origin stamped in.")
        {
            origin, output, clientId, templates,
        };
        stamp.SetAction(async (parse, cancellationToken) =>
        {
            var written = await StampAsync(
                parse.GetValue(origin)!,
                parse.GetValue(output) ?? Path.Combine("out", "manifest"),
                parse.GetValue(clientId),
                parse.GetValue(templates) ?? FindTemplates(),
                cancellationToken);
            foreach (var path in written)
            {
                Console.WriteLine(path);
            }

            return 0;
        });

        return new Command("manifest", "The Outlook add-in's manifests.") { stamp };
    }

    /// <summary>Stamps the templates and returns the files written.</summary>
    public static async Task<IReadOnlyList<string>> StampAsync(string origin, string outDir, string? clientId, string templateDir, CancellationToken cancellationToken)
    {
        var normalizedOrigin = NormalizeOrigin(origin);
        if (clientId is not null && !Guid.TryParse(clientId, out _))
        {
            throw new CliException($"--client-id must be a GUID (the application id in Entra ID), not '{clientId}'.");
        }

        var xmlTemplate = Path.Combine(templateDir, "manifest.xml");
        var jsonTemplate = Path.Combine(templateDir, "manifest.json");
        if (!File.Exists(xmlTemplate) || !File.Exists(jsonTemplate))
        {
            throw new CliException($"The manifest templates are not in '{templateDir}'; run from the repository or pass --templates.");
        }

        var host = new Uri(normalizedOrigin).Authority;
        string Stamp(string text)
        {
            text = text.Replace(TemplateOrigin, normalizedOrigin, StringComparison.Ordinal)
                .Replace("api://localhost:5443/", $"api://{host}/", StringComparison.Ordinal)
                .Replace("\"localhost:5443\"", JsonSerializer.Serialize(host), StringComparison.Ordinal);
            return clientId is null ? text : text.Replace(TemplateClientId, clientId.ToLowerInvariant(), StringComparison.Ordinal);
        }

        var xml = XDocument.Parse(Stamp(await File.ReadAllTextAsync(xmlTemplate, cancellationToken)), LoadOptions.PreserveWhitespace);
        var json = JsonNode.Parse(Stamp(await File.ReadAllTextAsync(jsonTemplate, cancellationToken)))!.AsObject();
        if (clientId is null)
        {
            // A placeholder id would make Outlook try SSO against an app that does not exist.
            xml.Descendants(VersionOverrides11 + "WebApplicationInfo").Remove();
            json.Remove("webApplicationInfo");
        }

        Directory.CreateDirectory(outDir);
        var written = new List<string>();
        var xmlPath = Path.Combine(outDir, "manifest.xml");
        await using (var stream = File.Create(xmlPath))
        {
            await xml.SaveAsync(stream, SaveOptions.DisableFormatting, cancellationToken);
        }

        written.Add(xmlPath);
        var jsonPath = Path.Combine(outDir, "manifest.json");
        await File.WriteAllTextAsync(jsonPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", cancellationToken);
        written.Add(jsonPath);

        // The unified manifest is installed as an app package: the manifest with its two icons, zipped.
        var zipPath = Path.Combine(outDir, "replycoach-addin.zip");
        File.Delete(zipPath);
        await using (var zip = await ZipFile.OpenAsync(zipPath, ZipArchiveMode.Create, cancellationToken))
        {
            await zip.CreateEntryFromFileAsync(jsonPath, "manifest.json", cancellationToken);
            foreach (var icon in new[] { "color.png", "outline.png" })
            {
                var source = Path.Combine(templateDir, icon);
                if (!File.Exists(source))
                {
                    throw new CliException($"The icon '{source}' is missing.");
                }

                File.Copy(source, Path.Combine(outDir, icon), overwrite: true);
                written.Add(Path.Combine(outDir, icon));
                await zip.CreateEntryFromFileAsync(source, icon, cancellationToken);
            }
        }

        written.Add(zipPath);
        return written;
    }

    /// <summary>An https origin without path, query or trailing slash.</summary>
    public static string NormalizeOrigin(string origin)
    {
        if (!Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new CliException($"--origin must be an https origin such as https://replycoach.contoso.com (Outlook loads add-ins over https only), not '{origin}'.");
        }

        if (uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new CliException($"--origin must be an origin only (scheme, host and port), not '{origin}'.");
        }

        return uri.GetLeftPart(UriPartial.Authority);
    }

    private static string FindTemplates()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "manifest");
                if (File.Exists(Path.Combine(candidate, "manifest.xml")) && File.Exists(Path.Combine(candidate, "manifest.json")))
                {
                    return candidate;
                }
            }
        }

        throw new CliException("Could not find the manifest/ folder with the templates; run from the repository or pass --templates.");
    }
}
