using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Outlay.Core.Querying;
using Outlay.Core.Storage;
using Outlay.Server.Dashboard.Layout;
using Outlay.Server.Dashboard.Sessions;
using Outlay.Server.Spend;

namespace Outlay.Server.Dashboard.Explore;

/// <summary>
/// <c>GET /explore/export.csv</c> and <c>/explore/export.json</c>: the rows the Explore table shows for the same
/// parameters, in the table's order and with the same cap, written by the API's own CSV and JSON writers.
/// </summary>
internal static class ExploreExports
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/explore/export.csv", (HttpContext http, IOutlayStore store, TimeProvider time) => ExportAsync(http, store, time, csv: true));
        group.MapGet("/explore/export.json", (HttpContext http, IOutlayStore store, TimeProvider time) => ExportAsync(http, store, time, csv: false));
    }

    /// <summary>ASCII file name naming the range, e.g. <c>outlay-spend-20261116T1400Z-20261123T1500Z.csv</c>.</summary>
    public static string FileName(SpendQuery query, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"outlay-spend-{query.From.UtcDateTime:yyyyMMdd'T'HHmm'Z'}-{query.To.UtcDateTime:yyyyMMdd'T'HHmm'Z'}.{extension}");

    private static async Task<IResult> ExportAsync(HttpContext http, IOutlayStore store, TimeProvider time, bool csv)
    {
        var caller = DashboardContext.Get(http);
        ExploreRequest view;
        SpendQuery query;
        try
        {
            view = ExploreRequest.Parse(http.Request.Query);
            query = view.ToSpendQuery(time.GetUtcNow(), caller.TimeZone);
        }
        catch (SpendQueryException e)
        {
            return DashboardLayout.ErrorPage(http, caller, StatusCodes.Status400BadRequest, "Cannot export this view", e.Message);
        }

        var result = await SpendQueries.RunAsync(store, caller.ProjectId, query, http.RequestAborted).ConfigureAwait(false);
        var shown = new SpendResult(ExploreRows.Arrange(result, view), result.TotalCostNanoUsd, result.UnpricedEvents);
        if (csv)
        {
            return new SpendCsvResult(shown, query, FileName(query, "csv"));
        }

        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(FileName(query, "json"));
        http.Response.Headers.ContentDisposition = disposition.ToString();
        return new SpendJsonResult(shown, query);
    }
}
