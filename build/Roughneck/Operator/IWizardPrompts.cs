namespace Roughneck.Operator;

/// <summary>The questions a wizard can ask; Spectre.Console answers them on a terminal.</summary>
public interface IWizardPrompts
{
    /// <summary>Free text; <paramref name="check"/> returns an error to show, or null when the answer is fine.</summary>
    string Ask(string question, string? defaultValue, Func<string, string?> check);

    /// <summary>One of the choices; the first is highlighted.</summary>
    T Choose<T>(string title, IReadOnlyList<T> choices, Func<T, string> display) where T : notnull;

    /// <summary>Any of the choices, starting from <paramref name="selected"/>.</summary>
    IReadOnlyList<T> ChooseMany<T>(string title, IReadOnlyList<T> choices, IReadOnlyCollection<T> selected, Func<T, string> display) where T : notnull;

    void Say(string text);
}
