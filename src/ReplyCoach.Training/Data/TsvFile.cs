using System.Text;

namespace ReplyCoach.Training.Data;

/// <summary>
/// Reads the tab-separated files used here: UTF-8, one header row, no quoting (lines split on '\n', fields on '\t').
/// </summary>
internal static class TsvFile
{
    /// <summary>Reads the rows of a file as field arrays, with the header's column positions.</summary>
    public static IEnumerable<TsvRow> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataException($"The file '{path}' does not exist.");
        }

        using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        var header = reader.ReadLine() ?? throw new DataException($"'{path}' is empty: expected a header row.");
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var names = header.Split('\t');
        for (var i = 0; i < names.Length; i++)
        {
            columns.TryAdd(names[i].Trim(), i);
        }

        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            yield return new TsvRow(path, lineNumber, columns, line.TrimEnd('\r').Split('\t'));
        }
    }
}

/// <summary>One data row of a TSV file.</summary>
internal sealed class TsvRow(string path, int lineNumber, IReadOnlyDictionary<string, int> columns, string[] fields)
{
    /// <summary>1-based line number (the header is line 1).</summary>
    public int LineNumber => lineNumber;

    /// <summary>Whether the header names a column.</summary>
    public bool Has(string column) => columns.ContainsKey(column);

    /// <summary>The field of a column ("" when the row is short).</summary>
    public string this[string column]
    {
        get
        {
            if (!columns.TryGetValue(column, out var i))
            {
                throw new DataException($"'{path}' has no column '{column}'.");
            }

            return i < fields.Length ? fields[i] : string.Empty;
        }
    }

    /// <summary>A 0/1 (or true/false) field.</summary>
    public bool Flag(string column)
    {
        var value = this[column].Trim();
        return value switch
        {
            "1" or "1.0" or "true" or "True" or "TRUE" => true,
            "0" or "0.0" or "false" or "False" or "FALSE" or "" => false,
            _ => throw new DataException($"'{path}' line {lineNumber}: '{column}' should be 0 or 1."),
        };
    }

    /// <summary>A number field (0 when empty).</summary>
    public double Number(string column)
    {
        var value = this[column].Trim();
        return value.Length == 0 ? 0 : double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
