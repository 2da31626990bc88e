namespace Outlay.CatalogGenerator;

internal static class Program
{
    public static int Main() => 0;
}
