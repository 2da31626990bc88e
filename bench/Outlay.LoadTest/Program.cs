namespace Outlay.LoadTest;

internal static class Program
{
    public static int Main() => 0;
}
