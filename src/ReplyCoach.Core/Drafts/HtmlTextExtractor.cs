using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens.Struct;
using AngleSharp.Text;

namespace ReplyCoach.Core.Drafts;

/// <summary>What an element's markup says about the text inside it.</summary>
internal enum RegionKind
{
    /// <summary>Quoted thread from here to the end (Outlook's reply header, OWA's appendonsend).</summary>
    QuoteToEnd,
    /// <summary>Quoted message inside this element (gmail_quote, blockquote type="cite").</summary>
    QuoteBlock,
    /// <summary>A plain &lt;blockquote&gt;: quoted only when an attribution line ("On ... wrote:") precedes it.</summary>
    QuoteCandidate,
    /// <summary>A signature element (id="Signature", gmail_signature).</summary>
    SignatureBlock,
    /// <summary>A small signature element that is sometimes misused for body text (AppleMailSignature).</summary>
    SignatureBlockIfShort,
    /// <summary>The signature starts here and runs to the end of the agent's text (Outlook's _MailAutoSig bookmark).</summary>
    SignatureStart,
}

/// <summary>A range of the extracted text that markup identified as thread, signature, etc.</summary>
internal struct StructuralRegion(RegionKind kind, int start)
{
    public RegionKind Kind = kind;
    public int Start = start;
    public int End = -1;
}

/// <summary>
/// Turns an HTML body into plain text with a source offset for every character. Uses AngleSharp's HTML tokenizer
/// (the WHATWG tokenizer: tags, attributes, comments, raw text, character references) and keeps its own light
/// stack of open elements instead of building a DOM: text nodes in AngleSharp's DOM carry no source position, a
/// DOM costs as much again as tokenizing, and a stack needs no recursion however deep the nesting goes.
/// The stack follows the parts of tree construction that change what text is visible: void elements, implied
/// end tags (p, li, td, ...), the head, raw-text elements and hidden subtrees.
/// </summary>
internal sealed class HtmlTextExtractor
{
    private readonly string _html;
    private readonly TextBuilder _output;
    private readonly List<StructuralRegion> _regions;
    private readonly int[] _openCounts = new int[(int)Tag.Count];
    private OpenElement[] _stack = new OpenElement[32];
    private int _depth;
    private int _maxDepth;
    private Dictionary<int, int>? _unknownOpenCounts;
    private int _hiddenDepth;
    private int _preDepth;
    private bool _headSeen;

    private HtmlTextExtractor(string html, TextBuilder output, List<StructuralRegion> regions)
    {
        _html = html;
        _output = output;
        _regions = regions;
    }

    /// <summary>
    /// Extracts the visible text of <paramref name="html"/> into <paramref name="output"/>. Returns the deepest
    /// nesting of elements it had open at once: the depth of the tree a browser would build, which neither a
    /// self-closing slash nor an unknown tag name hides.
    /// </summary>
    public static int Extract(string html, TextBuilder output, List<StructuralRegion> regions)
    {
        var extractor = new HtmlTextExtractor(html, output, regions);
        extractor.Run();
        return extractor._maxDepth;
    }

    private void Run()
    {
        // A memory-backed source tokenizes about twice as fast as TextSource(string), which buffers the text again.
        using var source = new TextSource(new ReadOnlyMemoryTextSource(_html.AsMemory()));
        var tokenizer = new HtmlTokenizer(source, HtmlEntityProvider.ResolverExtended)
        {
            // Character references stay raw in the token data so that we can decode them with their lengths.
            IsNotConsumingCharacterReferences = true,

            // Comments, <style> and <script> bodies are never shown; not materialising them saves most allocations.
            // Text positions come from each token's own data, so skipped tokens cannot shift them.
            SkipComments = true,
            SkipRawText = true,
            SkipScriptText = true,
            SkipProcessingInstructions = true,
            SkipCDATA = true,
            ShouldEmitAttribute = static (ref StructHtmlToken _, ReadOnlyMemory<char> name) => IsInterestingAttribute(name.Span),
        };

        while (true)
        {
            ref var token = ref tokenizer.GetStructToken();
            switch (token.Type)
            {
                case HtmlTokenType.Character:
                    OnText(ref token);
                    break;
                case HtmlTokenType.StartTag:
                    OnStartTag(ref token, tokenizer);
                    break;
                case HtmlTokenType.EndTag:
                    OnEndTag(ref token);
                    break;
                case HtmlTokenType.EndOfFile:
                    CloseAll(_html.Length);
                    _output.TrimTrailingSpace();
                    return;
                default:
                    // Comments (including Word's <![if ...]> conditionals) and doctypes carry no visible text.
                    break;
            }
        }
    }

    private static bool IsInterestingAttribute(ReadOnlySpan<char> name) =>
        name is "id" or "class" or "style" or "type" or "hidden" or "name" or "data-smartmail";

    private void OnText(ref StructHtmlToken token)
    {
        var data = token.Data.Memory;
        var sourceStart = token.Position.Index;
        if (_depth > 0 && _stack[_depth - 1].Tag == Tag.Head && !data.Span.IsWhiteSpace())
        {
            // Text cannot live in <head>: a browser closes the head and shows it (broken drafts do this).
            PopTo(_depth - 1, sourceStart);
        }

        if (_hiddenDepth > 0)
        {
            return;
        }

        var keepLineBreaks = _preDepth > 0;
        var span = data.Span;
        var html = _html;
        var s = sourceStart;
        Span<char> scratch = stackalloc char[2];
        for (var i = 0; i < span.Length; i++)
        {
            // Fast path: a run of plain characters that the source holds verbatim at the current position.
            var run = span[i..].IndexOfAnyExcept(TextBuilder.PlainRunCharacters);
            run = run < 0 ? span.Length - i : run;
            if (run >= 4 && s + run <= html.Length && html.AsSpan(s, run).SequenceEqual(span.Slice(i, run)))
            {
                _output.AppendPlainRun(span.Slice(i, run), s);
                s += run;
                i += run - 1;
                continue;
            }

            var c = span[i];

            // Align the token's character with the source: the tokenizer folds CR LF into LF, drops NULs and
            // skips junk such as "</>", so the data is a subsequence of the source. The search is bounded so
            // that a character the tokenizer invented (U+FFFD) cannot make this quadratic.
            var position = s;
            if (s < html.Length)
            {
                var h = html[s];
                if (h != c && !(c == '\n' && h == '\r'))
                {
                    position = Align(html, s, c);
                }
            }
            else
            {
                position = html.Length - 1;
            }

            s = position + 1;
            if (c == '\n' && html[position] == '\r' && s < html.Length && html[s] == '\n')
            {
                s++;
            }

            if (c == '&')
            {
                var consumed = HtmlCharacterReference.Decode(data, i, scratch, out var written, out var symbol);
                if (consumed > 0)
                {
                    if (symbol is not null)
                    {
                        foreach (var decoded in symbol)
                        {
                            _output.AppendText(decoded, position, keepLineBreaks);
                        }
                    }
                    else
                    {
                        for (var k = 0; k < written; k++)
                        {
                            _output.AppendText(scratch[k], position, keepLineBreaks);
                        }
                    }

                    // The reference's other characters are in the source too; skip them there as well.
                    s = Math.Min(position + consumed, html.Length);
                    i += consumed - 1;
                    continue;
                }
            }

            _output.AppendText(c, position, keepLineBreaks);
        }
    }

    private static int Align(string html, int from, char c)
    {
        var limit = Math.Min(html.Length, from + 16);
        for (var k = from; k < limit; k++)
        {
            var h = html[k];
            if (h == c || (c == '\n' && h == '\r'))
            {
                return k;
            }
        }

        return from;
    }

    private void OnStartTag(ref StructHtmlToken token, HtmlTokenizer tokenizer)
    {
        var name = token.Name.Memory.Span;
        var tag = Classify(name);
        var at = token.Position.Index;
        var nameHash = tag == Tag.Unknown ? string.GetHashCode(name) : 0;

        if (_depth > 0 && _stack[_depth - 1].Tag == Tag.Head && !AllowedInHead(tag))
        {
            PopTo(_depth - 1, at);
        }

        // Raw-text elements switch the tokenizer, whatever we do with their content.
        switch (tag)
        {
            case Tag.Style or Tag.Xmp or Tag.Iframe or Tag.Noembed or Tag.Noframes:
                tokenizer.State = HtmlParseMode.Rawtext;
                break;
            case Tag.Script:
                tokenizer.State = HtmlParseMode.Script;
                break;
            case Tag.Title or Tag.Textarea:
                tokenizer.State = HtmlParseMode.RCData;
                break;
            case Tag.Plaintext:
                tokenizer.State = HtmlParseMode.Plaintext;
                break;
        }

        CloseImplied(tag, at);

        switch (tag)
        {
            case Tag.Html:
                return;
            case Tag.Head when _headSeen || _output.Length > 0:
                // Browsers ignore a second <head>, or one that comes after the body has started.
                return;
            case Tag.Head:
                _headSeen = true;
                break;
            case Tag.Body:
                CloseHead(at);
                return;
            case Tag.Br:
                if (_hiddenDepth == 0)
                {
                    _output.AppendLineBreak(at);
                }

                return;
            case Tag.Hr:
                if (_hiddenDepth == 0)
                {
                    _output.EnsureLineBreak(at);
                }

                return;
            case Tag.Void:
                return;
        }

        var flags = ElementFlags.None;
        var regionIndex = -1;
        if (IsHiddenByDefault(tag) || IsHiddenByAttributes(ref token))
        {
            flags |= ElementFlags.Hidden;
        }

        var visible = _hiddenDepth == 0;
        if (visible && (flags & ElementFlags.Hidden) == 0 && IsBlock(tag))
        {
            flags |= ElementFlags.Block;
            _output.EnsureLineBreak(at);
        }

        if (visible && (flags & ElementFlags.Hidden) == 0)
        {
            var region = RegionFor(tag, ref token);
            if (region is { } kind)
            {
                regionIndex = _regions.Count;
                _regions.Add(new StructuralRegion(kind, _output.Length));
            }

            if (tag == Tag.Li)
            {
                _output.Append('•', at);
                _output.Append(' ', at);
            }
            else if (IsWordListMarker(ref token))
            {
                // Word writes list bullets as text in <span style="mso-list:Ignore">; show one bullet instead.
                _output.EnsureLineBreak(at);
                _output.Append('•', at);
                _output.Append(' ', at);
                flags |= ElementFlags.Hidden;
            }
        }

        if (tag is Tag.Pre or Tag.Textarea or Tag.Listing or Tag.Plaintext)
        {
            flags |= ElementFlags.Pre;
        }

        Push(new OpenElement(tag, nameHash, flags, regionIndex, _output.Length, _output.NoBreakSpaces));
    }

    private void OnEndTag(ref StructHtmlToken token)
    {
        var name = token.Name.Memory.Span;
        var tag = Classify(name);
        var at = token.Position.Index;
        switch (tag)
        {
            case Tag.Br:
                // "</br>" is a <br> in every browser.
                if (_hiddenDepth == 0)
                {
                    _output.AppendLineBreak(at);
                }

                return;
            case Tag.Html or Tag.Body or Tag.Void or Tag.Hr:
                return;
            case Tag.P when _openCounts[(int)Tag.P] == 0:
                // A stray </p> makes an empty paragraph.
                if (_hiddenDepth == 0)
                {
                    _output.EnsureLineBreak(at);
                }

                return;
        }

        var nameHash = tag == Tag.Unknown ? string.GetHashCode(name) : 0;
        if (OpenCount(tag, nameHash) == 0)
        {
            return;
        }

        for (var i = _depth - 1; i >= 0; i--)
        {
            ref var element = ref _stack[i];
            if (element.Tag == tag && element.NameHash == nameHash)
            {
                PopTo(i, at);
                return;
            }
        }
    }

    private void CloseImplied(Tag tag, int at)
    {
        // A subset of the tree builder's implied end tags: the ones that decide where hidden or quoted
        // elements end in real-world mail.
        if (ClosesParagraph(tag) && _openCounts[(int)Tag.P] > 0)
        {
            CloseInScope(Tag.P, at);
        }

        switch (tag)
        {
            case Tag.Li when _openCounts[(int)Tag.Li] > 0:
                CloseInScope(Tag.Li, at, stopAtList: true);
                break;
            case Tag.Dt or Tag.Dd when _openCounts[(int)Tag.Dt] + _openCounts[(int)Tag.Dd] > 0:
                CloseInScope(Tag.Dt, at, stopAtList: true, alsoMatch: Tag.Dd);
                break;
            case Tag.Td or Tag.Th when _openCounts[(int)Tag.Td] + _openCounts[(int)Tag.Th] > 0:
                CloseInScope(Tag.Td, at, alsoMatch: Tag.Th);
                break;
            case Tag.Tr when _openCounts[(int)Tag.Tr] > 0:
                CloseInScope(Tag.Tr, at);
                break;
            case Tag.Option when _openCounts[(int)Tag.Option] > 0:
                CloseInScope(Tag.Option, at);
                break;
        }
    }

    private void CloseInScope(Tag target, int at, bool stopAtList = false, Tag alsoMatch = Tag.Count)
    {
        for (var i = _depth - 1; i >= 0; i--)
        {
            var tag = _stack[i].Tag;
            if (tag == target || tag == alsoMatch)
            {
                PopTo(i, at);
                return;
            }

            if (IsScopeBoundary(tag) || (stopAtList && tag is Tag.Ul or Tag.Ol or Tag.Dl))
            {
                return;
            }
        }
    }

    private void CloseHead(int at)
    {
        if (_openCounts[(int)Tag.Head] == 0)
        {
            return;
        }

        for (var i = _depth - 1; i >= 0; i--)
        {
            if (_stack[i].Tag == Tag.Head)
            {
                PopTo(i, at);
                return;
            }
        }
    }

    private void Push(OpenElement element)
    {
        if (_depth == _stack.Length)
        {
            Array.Resize(ref _stack, _stack.Length * 2);
        }

        _stack[_depth++] = element;
        _maxDepth = Math.Max(_maxDepth, _depth);
        ChangeOpenCount(element.Tag, element.NameHash, +1);
        if ((element.Flags & ElementFlags.Hidden) != 0)
        {
            _hiddenDepth++;
        }

        if ((element.Flags & ElementFlags.Pre) != 0)
        {
            _preDepth++;
        }
    }

    /// <summary>Closes the elements from the top of the stack down to, and including, index <paramref name="index"/>.</summary>
    private void PopTo(int index, int at)
    {
        while (_depth > index)
        {
            var element = _stack[--_depth];
            ChangeOpenCount(element.Tag, element.NameHash, -1);
            if ((element.Flags & ElementFlags.Hidden) != 0)
            {
                _hiddenDepth--;
            }

            if ((element.Flags & ElementFlags.Pre) != 0)
            {
                _preDepth--;
            }

            if ((element.Flags & ElementFlags.Block) != 0 && _hiddenDepth == 0)
            {
                // A paragraph holding only &nbsp; (how Outlook and Word write an empty line) is an empty line.
                if (_output.Length == element.TextStart && _output.NoBreakSpaces > element.NoBreakSpacesAtStart)
                {
                    _output.AppendEmptyLine(at);
                }
                else
                {
                    _output.EnsureLineBreak(at);
                }
            }

            if (element.RegionIndex >= 0)
            {
                var region = _regions[element.RegionIndex];
                region.End = _output.Length;
                _regions[element.RegionIndex] = region;
            }
        }
    }

    private void CloseAll(int at) => PopTo(0, at);

    private int OpenCount(Tag tag, int nameHash) =>
        tag != Tag.Unknown
            ? _openCounts[(int)tag]
            : _unknownOpenCounts is not null && _unknownOpenCounts.TryGetValue(nameHash, out var count) ? count : 0;

    private void ChangeOpenCount(Tag tag, int nameHash, int delta)
    {
        if (tag != Tag.Unknown)
        {
            _openCounts[(int)tag] += delta;
            return;
        }

        _unknownOpenCounts ??= [];
        _unknownOpenCounts.TryGetValue(nameHash, out var count);
        _unknownOpenCounts[nameHash] = count + delta;
    }

    private static RegionKind? RegionFor(Tag tag, ref StructHtmlToken token)
    {
        var attributes = token.Attributes;
        RegionKind? result = null;
        var isBlockquote = tag == Tag.Blockquote;
        for (var i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i];
            var name = attribute.Name.Memory.Span;
            var value = attribute.Value.Memory.Span.Trim();
            if (name is "id")
            {
                if (value.EndsWith("divRplyFwdMsg", StringComparison.OrdinalIgnoreCase)
                    || value.Equals("appendonsend", StringComparison.OrdinalIgnoreCase)
                    || value.Equals("mail-editor-reference-message-container", StringComparison.OrdinalIgnoreCase))
                {
                    return RegionKind.QuoteToEnd;
                }

                if (value.Equals("Signature", StringComparison.OrdinalIgnoreCase)
                    || value.EndsWith("_Signature", StringComparison.OrdinalIgnoreCase))
                {
                    result ??= RegionKind.SignatureBlock;
                }
                else if (value.Equals("AppleMailSignature", StringComparison.OrdinalIgnoreCase))
                {
                    result ??= RegionKind.SignatureBlockIfShort;
                }
            }
            else if (name is "class")
            {
                if (HasClass(value, "gmail_quote") || HasClass(value, "gmail_quote_container") || HasClass(value, "yahoo_quoted")
                    || HasClass(value, "protonmail_quote") || HasClass(value, "moz-forward-container"))
                {
                    return RegionKind.QuoteBlock;
                }

                if (HasClass(value, "OutlookMessageHeader"))
                {
                    return RegionKind.QuoteToEnd;
                }

                if (HasClass(value, "gmail_signature") || HasClass(value, "moz-signature"))
                {
                    result ??= RegionKind.SignatureBlock;
                }
                else if (isBlockquote && value.Contains("quote", StringComparison.OrdinalIgnoreCase))
                {
                    return RegionKind.QuoteBlock;
                }
            }
            else if (name is "type" && isBlockquote && value.Equals("cite", StringComparison.OrdinalIgnoreCase))
            {
                return RegionKind.QuoteBlock;
            }
            else if (name is "data-smartmail" && value.Equals("gmail_signature", StringComparison.OrdinalIgnoreCase))
            {
                result ??= RegionKind.SignatureBlock;
            }
            else if (name is "name" && tag == Tag.A && value.Equals("_MailAutoSig", StringComparison.OrdinalIgnoreCase))
            {
                result ??= RegionKind.SignatureStart;
            }
            else if (name is "style" && tag == Tag.Div && IsOutlookHeaderBorder(value))
            {
                return RegionKind.QuoteToEnd;
            }
            else if (name is "style" && isBlockquote && StyleHas(value, "border-left"))
            {
                return RegionKind.QuoteBlock;
            }
        }

        return result ?? (isBlockquote ? RegionKind.QuoteCandidate : null);
    }

    // Outlook desktop wraps the From/Sent/To/Subject block of the message being answered in
    // <div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"> (#B5C4DF before 2013).
    private static bool IsOutlookHeaderBorder(ReadOnlySpan<char> style)
    {
        var at = style.IndexOf("border-top", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return false;
        }

        var rest = style[(at + "border-top".Length)..];
        var end = rest.IndexOf(';');
        var declaration = end >= 0 ? rest[..end] : rest;
        return declaration.Contains("solid", StringComparison.OrdinalIgnoreCase)
            && (declaration.Contains("#E1E1E1", StringComparison.OrdinalIgnoreCase)
                || declaration.Contains("#B5C4DF", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsHiddenByAttributes(ref StructHtmlToken token)
    {
        var attributes = token.Attributes;
        for (var i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i];
            var name = attribute.Name.Memory.Span;
            if (name is "hidden")
            {
                return true;
            }

            if (name is "style")
            {
                var style = attribute.Value.Memory.Span;
                if (StyleDeclares(style, "display", "none") || StyleDeclares(style, "visibility", "hidden")
                    || StyleDeclares(style, "mso-hide", "all"))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsWordListMarker(ref StructHtmlToken token)
    {
        var attributes = token.Attributes;
        for (var i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i];
            if (attribute.Name.Memory.Span is "style" && StyleDeclares(attribute.Value.Memory.Span, "mso-list", "ignore"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a style attribute sets <paramref name="property"/> to <paramref name="value"/> (any case, any spacing).</summary>
    internal static bool StyleDeclares(ReadOnlySpan<char> style, string property, string value)
    {
        while (!style.IsEmpty)
        {
            var at = style.IndexOf(property, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }

            // Must be a whole property name: "display" but not "mso-display".
            var wholeName = at == 0 || style[at - 1] is ';' or ' ' or '\t' or '\n' or '\r' or '"' or '\'' or '{';
            var rest = style[(at + property.Length)..].TrimStart();
            if (wholeName && rest.StartsWith(':'))
            {
                rest = rest[1..].TrimStart();
                if (rest.StartsWith(value, StringComparison.OrdinalIgnoreCase))
                {
                    var after = rest[value.Length..];
                    if (after.IsEmpty || after[0] is ';' or ' ' or '!' or '\t' or '"' or '\'' or '}')
                    {
                        return true;
                    }
                }
            }

            style = style[(at + property.Length)..];
        }

        return false;
    }

    private static bool StyleHas(ReadOnlySpan<char> style, string property) =>
        style.Contains(property, StringComparison.OrdinalIgnoreCase);

    private static bool HasClass(ReadOnlySpan<char> classes, string name)
    {
        foreach (var range in classes.SplitAny(" \t\r\n\f"))
        {
            if (classes[range].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHiddenByDefault(Tag tag) =>
        tag is Tag.Head or Tag.Title or Tag.Style or Tag.Script or Tag.Template or Tag.Xml or Tag.Select
            or Tag.Iframe or Tag.Noembed or Tag.Noframes or Tag.Object;

    private static bool AllowedInHead(Tag tag) =>
        tag is Tag.Title or Tag.Style or Tag.Script or Tag.Template or Tag.Noscript or Tag.Void or Tag.Xml or Tag.Head;

    private static bool IsBlock(Tag tag) => tag >= Tag.FirstBlock && tag <= Tag.LastBlock;

    private static bool ClosesParagraph(Tag tag) =>
        tag is Tag.P or Tag.Div or Tag.Blockquote or Tag.Ul or Tag.Ol or Tag.Dl or Tag.Heading or Tag.Pre or Tag.Listing
            or Tag.Table or Tag.Center or Tag.Section or Tag.Article or Tag.Header or Tag.Footer or Tag.Nav or Tag.Aside
            or Tag.Main or Tag.Address or Tag.Figure or Tag.Figcaption or Tag.Fieldset or Tag.Form or Tag.Details
            or Tag.Summary or Tag.Dialog or Tag.Menu or Tag.Dir or Tag.Xmp or Tag.Plaintext or Tag.Hr or Tag.Li
            or Tag.Dt or Tag.Dd;

    private static bool IsScopeBoundary(Tag tag) =>
        tag is Tag.Table or Tag.Td or Tag.Th or Tag.Caption or Tag.Template or Tag.Object or Tag.Button;

    private static Tag Classify(ReadOnlySpan<char> name) => name switch
    {
        "p" => Tag.P,
        "br" => Tag.Br,
        "div" => Tag.Div,
        "span" or "b" or "i" or "u" or "a" or "font" or "strong" or "em" or "o:p" or "small" or "big" or "sub" or "sup"
            or "code" or "s" or "strike" or "del" or "ins" or "mark" or "label" or "abbr" or "cite" or "q" or "tt" or "nobr"
            or "time" or "bdi" or "bdo" or "kbd" or "samp" or "var" or "dfn" => InlineTag(name),
        "li" => Tag.Li,
        "ul" => Tag.Ul,
        "ol" => Tag.Ol,
        "dl" => Tag.Dl,
        "dt" => Tag.Dt,
        "dd" => Tag.Dd,
        "table" => Tag.Table,
        "tbody" or "thead" or "tfoot" or "colgroup" => Tag.TableSection,
        "tr" => Tag.Tr,
        "td" => Tag.Td,
        "th" => Tag.Th,
        "caption" => Tag.Caption,
        "blockquote" => Tag.Blockquote,
        "h1" or "h2" or "h3" or "h4" or "h5" or "h6" => Tag.Heading,
        "hr" => Tag.Hr,
        "html" => Tag.Html,
        "head" => Tag.Head,
        "body" => Tag.Body,
        "title" => Tag.Title,
        "style" => Tag.Style,
        "script" => Tag.Script,
        "template" => Tag.Template,
        "noscript" => Tag.Noscript,
        "xml" => Tag.Xml,
        "select" => Tag.Select,
        "option" => Tag.Option,
        "object" => Tag.Object,
        "iframe" => Tag.Iframe,
        "noembed" => Tag.Noembed,
        "noframes" => Tag.Noframes,
        "textarea" => Tag.Textarea,
        "plaintext" => Tag.Plaintext,
        "xmp" => Tag.Xmp,
        "pre" => Tag.Pre,
        "listing" => Tag.Listing,
        "button" => Tag.Button,
        "center" => Tag.Center,
        "section" => Tag.Section,
        "article" => Tag.Article,
        "header" => Tag.Header,
        "footer" => Tag.Footer,
        "nav" => Tag.Nav,
        "aside" => Tag.Aside,
        "main" => Tag.Main,
        "address" => Tag.Address,
        "figure" => Tag.Figure,
        "figcaption" => Tag.Figcaption,
        "fieldset" => Tag.Fieldset,
        "legend" => Tag.Legend,
        "form" => Tag.Form,
        "details" => Tag.Details,
        "summary" => Tag.Summary,
        "dialog" => Tag.Dialog,
        "menu" => Tag.Menu,
        "dir" => Tag.Dir,
        "img" or "meta" or "link" or "base" or "input" or "wbr" or "area" or "col" or "embed" or "param" or "source"
            or "track" or "keygen" or "basefont" or "bgsound" or "frame" or "image" => Tag.Void,
        _ => Tag.Unknown,
    };

    // Common inline elements get their own ids so that matching their end tags needs no hashing.
    private static Tag InlineTag(ReadOnlySpan<char> name) => name switch
    {
        "span" => Tag.Span,
        "a" => Tag.A,
        "b" => Tag.B,
        "i" => Tag.I,
        "u" => Tag.U,
        "font" => Tag.Font,
        "strong" => Tag.Strong,
        "em" => Tag.Em,
        "o:p" => Tag.OfficeParagraph,
        _ => Tag.Unknown,
    };

    [Flags]
    private enum ElementFlags : byte
    {
        None = 0,
        Hidden = 1,
        Block = 2,
        Pre = 4,
    }

    private readonly record struct OpenElement(
        Tag Tag,
        int NameHash,
        ElementFlags Flags,
        int RegionIndex,
        int TextStart,
        int NoBreakSpacesAtStart);

    private enum Tag : byte
    {
        Unknown,
        Span,
        A,
        B,
        I,
        U,
        Font,
        Strong,
        Em,
        OfficeParagraph,
        Br,
        Hr,
        Void,
        Html,
        Head,
        Body,
        Title,
        Style,
        Script,
        Template,
        Noscript,
        Xml,
        Select,
        Option,
        Object,
        Iframe,
        Noembed,
        Noframes,
        Textarea,
        Button,
        TableSection,
        Legend,

        // Block elements: a line break before and after.
        P,
        FirstBlock = P,
        Div,
        Li,
        Ul,
        Ol,
        Dl,
        Dt,
        Dd,
        Table,
        Tr,
        Td,
        Th,
        Caption,
        Blockquote,
        Heading,
        Plaintext,
        Xmp,
        Pre,
        Listing,
        Center,
        Section,
        Article,
        Header,
        Footer,
        Nav,
        Aside,
        Main,
        Address,
        Figure,
        Figcaption,
        Fieldset,
        Form,
        Details,
        Summary,
        Dialog,
        Menu,
        Dir,
        LastBlock = Dir,
        Count,
    }
}
