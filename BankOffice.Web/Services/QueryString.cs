using System.Globalization;
using System.Text;

namespace BankOffice.Web.Services;

/// <summary>Builds <c>path?a=1&amp;b=x</c>, leaving out null and empty values.</summary>
public static class QueryString
{
    public static string Build(string path, params (string Name, object? Value)[] parameters)
    {
        var builder = new StringBuilder(path);
        var separator = '?';
        foreach (var (name, value) in parameters)
        {
            var text = value switch
            {
                null => null,
                string s => s,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            builder.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(text.Trim()));
            separator = '&';
        }

        return builder.ToString();
    }
}
