using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Outlay.Server.Tests;

/// <summary>
/// Every source-generated log method of the server lives in one class, ServerLog: with several such classes .NET 10's
/// logging generator emits them in a different order from build to build (dotnet/runtime#119587), and the supply-chain
/// check's two builds of one commit then differ.
/// </summary>
public sealed class ServerLogPlacementTests
{
    [Fact]
    public void Every_logger_message_of_the_server_is_declared_in_ServerLog()
    {
        var logMethods = typeof(OutlayServerOptions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<LoggerMessageAttribute>() is not null)
            .ToList();

        Assert.True(logMethods.Count(m => m.DeclaringType?.Name == "ServerLog") > 50, "ServerLog's log methods were not found");
        Assert.Empty(logMethods.Where(m => m.DeclaringType?.Name != "ServerLog").Select(m => m.DeclaringType?.FullName + "." + m.Name));
    }
}
