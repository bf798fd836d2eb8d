using ReportBot.Data.ChatImport;
using ReportBot.Reporting.ChatExport;

namespace ReportBot.BotHost.ChatImport;

/// <summary>
/// <c>POST /admin/import/chat?district=D[&amp;dryRun=true][&amp;monthFirst=true]</c>, the body the exported .txt or .zip:
/// the same import as the command line, answered with its report as JSON. Mapped inside the admin group, so behind
/// <c>X-Admin-Key</c>.
/// </summary>
public static class ChatImportApi
{
    public static RouteGroupBuilder MapChatImport(this RouteGroupBuilder admin)
    {
        admin.MapPost("/import/chat", async Task<IResult> (HttpRequest request, string district, bool? dryRun, bool? monthFirst,
            IServiceProvider services, CancellationToken ct) =>
        {
            // The body may be a zip: ZipArchive needs to seek, and the request body cannot.
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct);
            if (body.Length == 0)
                return TypedResults.BadRequest(new { error = "The body is empty. " + ChatExportFile.WhatToSend });
            body.Position = 0;
            try
            {
                var export = ChatExportFile.Read(body, "the uploaded file");
                var importer = services.GetRequiredService<ChatImporter>();
                return TypedResults.Ok(await importer.ImportAsync(export,
                    new ChatImportOptions(district, dryRun ?? false, monthFirst == true ? DateOrder.MonthFirst : DateOrder.DayFirst), ct));
            }
            catch (ChatImportException e)
            {
                return TypedResults.BadRequest(new { error = e.Message });
            }
        });
        return admin;
    }
}
