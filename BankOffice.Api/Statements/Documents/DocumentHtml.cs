using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace BankOffice.Api.Statements.Documents;

/// <summary>Renders a document component (a whole HTML page) to a string, outside any request.</summary>
public sealed class DocumentHtml(ILoggerFactory loggerFactory)
{
    /// <summary>
    /// The documents inject nothing; their renderer only needs an encoder. The default one writes every
    /// letter outside ASCII as a character reference, so a Chinese name would be unreadable in the
    /// page source and several times longer.
    /// </summary>
    private static readonly IServiceProvider RendererServices =
        new ServiceCollection().AddSingleton(HtmlEncoder.Create(UnicodeRanges.All)).BuildServiceProvider();

    public async Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        // A renderer per document: an HtmlRenderer keeps every root component it rendered until it is
        // disposed, so one shared for the life of the API would hold every statement ever printed.
        await using var renderer = new HtmlRenderer(RendererServices, loggerFactory);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var root = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return root.ToHtmlString();
        });
    }
}
