using System.Text;
using System.Text.RegularExpressions;

namespace Roughneck.Fleet;

/// <summary>Shell-style name patterns for deployment selection: *, ? and [abc] / [a-z].</summary>
public static class Glob
{
    public static bool IsPattern(string text) => text.IndexOfAny(new[] { '*', '?', '[' }) >= 0;

    public static bool Matches(string pattern, string name) => ToRegex(pattern).IsMatch(name);

    public static Regex ToRegex(string pattern)
    {
        var text = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*': text.Append(".*"); break;
                case '?': text.Append('.'); break;
                case '[':
                    var end = pattern.IndexOf(']', i + 1);
                    if (end < 0) { text.Append(@"\["); break; }
                    var set = pattern[(i + 1)..end];
                    if (set.StartsWith('!')) set = "^" + set[1..];
                    text.Append('[').Append(set.Replace(@"\", @"\\", StringComparison.Ordinal)).Append(']');
                    i = end;
                    break;
                default: text.Append(Regex.Escape(c.ToString())); break;
            }
        }
        return new Regex(text.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
