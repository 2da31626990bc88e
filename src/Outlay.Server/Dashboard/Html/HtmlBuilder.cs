using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Outlay.Server.Dashboard.Html;

/// <summary>
/// Builds HTML with every text and attribute value encoded, so a tag value such as <c>&lt;script&gt;</c> or
/// <c>" onmouseover=</c> can never become markup. Element and attribute names must be constants from code.
/// <see cref="Raw"/> exists only for markup produced by another encoding builder (an SVG chart).
/// </summary>
internal sealed class HtmlBuilder
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;
    private readonly StringBuilder _html = new(4096);

    /// <summary>Opens <c>&lt;tag attr="value"…&gt;</c>; attributes with a null value are left out.</summary>
    public HtmlBuilder Open(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        _html.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is null)
            {
                continue;
            }

            _html.Append(' ').Append(name).Append("=\"");
            Encoder.Encode(new StringWriter(_html, CultureInfo.InvariantCulture), value);
            _html.Append('"');
        }

        _html.Append('>');
        return this;
    }

    /// <summary>Writes a void element such as <c>&lt;input …&gt;</c> (no closing tag).</summary>
    public HtmlBuilder Void(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes) => Open(tag, attributes);

    public HtmlBuilder Close(string tag)
    {
        _html.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>Writes encoded text.</summary>
    public HtmlBuilder Text(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            Encoder.Encode(new StringWriter(_html, CultureInfo.InvariantCulture), text);
        }

        return this;
    }

    /// <summary><c>&lt;tag attrs&gt;text&lt;/tag&gt;</c> with the text encoded.</summary>
    public HtmlBuilder Element(string tag, string? text, params ReadOnlySpan<(string Name, string? Value)> attributes) =>
        Open(tag, attributes).Text(text).Close(tag);

    /// <summary>Appends markup that another encoding builder produced; never pass user input here.</summary>
    public HtmlBuilder Raw(string markup)
    {
        _html.Append(markup);
        return this;
    }

    /// <summary>Appends what another builder wrote.</summary>
    public HtmlBuilder Append(HtmlBuilder other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _html.Append(other._html);
        return this;
    }

    public override string ToString() => _html.ToString();
}
