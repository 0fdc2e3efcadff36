namespace Roughneck.Catalog;

/// <summary>A provider API refused or failed to answer; the message never carries the token.</summary>
public sealed class CatalogApiException : Exception
{
    public CatalogApiException(string message, Exception? inner = null) : base(message, inner) { }
}
