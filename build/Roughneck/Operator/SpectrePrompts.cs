using Spectre.Console;

namespace Roughneck.Operator;

/// <summary>Wizard questions on a terminal, with Spectre.Console.</summary>
public sealed class SpectrePrompts : IWizardPrompts
{
    private readonly IAnsiConsole _console;

    public SpectrePrompts(IAnsiConsole console) => _console = console;

    public string Ask(string question, string? defaultValue, Func<string, string?> check)
    {
        var prompt = new TextPrompt<string>(Markup.Escape(question))
            .Validate(answer => check(answer.Trim()) is { } error ? ValidationResult.Error("[red]" + Markup.Escape(error) + "[/]") : ValidationResult.Success());
        if (defaultValue is not null)
        {
            prompt.DefaultValue(defaultValue);
            if (defaultValue.Length == 0) prompt.HideDefaultValue();
            prompt.AllowEmpty();
        }
        return _console.Prompt(prompt).Trim();
    }

    public T Choose<T>(string title, IReadOnlyList<T> choices, Func<T, string> display) where T : notnull =>
        _console.Prompt(new SelectionPrompt<T>()
            .Title(Markup.Escape(title))
            .PageSize(PageSize(choices.Count))
            .MoreChoicesText("[grey](more below)[/]")
            .UseConverter(c => Markup.Escape(Fit(display(c))))
            .AddChoices(choices));

    public IReadOnlyList<T> ChooseMany<T>(string title, IReadOnlyList<T> choices, IReadOnlyCollection<T> selected, Func<T, string> display) where T : notnull
    {
        var prompt = new MultiSelectionPrompt<T>()
            .Title(Markup.Escape(title))
            .PageSize(PageSize(choices.Count))
            .NotRequired()
            .InstructionsText("[grey](space toggles, enter accepts)[/]")
            .UseConverter(c => Markup.Escape(Fit(display(c))))
            .AddChoices(choices);
        foreach (var choice in selected) prompt.Select(choice);
        return _console.Prompt(prompt);
    }

    // One line per choice and the whole list on the screen: a taller one loses its title.
    private int PageSize(int count) => Math.Clamp(Math.Min(count, _console.Profile.Height - 5), 3, 30);

    private string Fit(string text)
    {
        var width = Math.Max(20, _console.Profile.Width - 8);
        return text.Length <= width ? text : text[..(width - 1)] + "…";
    }

    public void Say(string text) => _console.MarkupLine(Markup.Escape(text));
}
