using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations;
using ThiDua.Workflows.Nominations.Documents;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Scheduling.Calendar;
using ThiDua.Workflows.Web.Nominations;
using ThiDua.Workflows.Web.Presentation;
using ThiDua.Workflows.Web.Security;

namespace ThiDua.Workflows.Web.Documents;

public sealed record RegisterRequest(string? Symbol, string? Title, int? Number, int? Year);

public sealed record SeriesRequest(string? Symbol, int? Year, int? NextNumber);

public sealed record NumberRequest(int? Number);

/// <summary>
/// Documents as files: numbered documents and a nomination's papers as Word or PDF, the province package, the
/// templates the office edits, the văn thư's register, and every list as CSV or Excel.
/// </summary>
public static class DocumentEndpoints
{
    public static void MapDocuments(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();

        api.MapGet("/decisions/{id}/document", async (string id, string? format, DocumentService documents, PdfConverter pdf, CancellationToken ct) =>
        {
            if (Format(format) is not { } wanted) return FormatProblem();
            return await documents.ForDecisionAsync(id, ct).ConfigureAwait(false) is { } document
                ? await FileAsync(document, wanted, pdf, ct).ConfigureAwait(false)
                : Results.NotFound();
        }).WithTags("Decisions")
            .WithSummary("The document of a numbered record (quyết định, tờ trình, biên bản) from the template in use: format=docx (the default) or format=pdf (LibreOffice; 503 when the server has none).");

        api.MapGet("/nominations/{id}/documents/{kind}", async (string id, string kind, string? format, ClaimsPrincipal user, NominationQueries queries, DocumentService documents, PdfConverter pdf, CancellationToken ct) =>
        {
            if (Format(format) is not { } wanted) return FormatProblem();
            if (await queries.DetailAsync(id, user.ToActor(), ct).ConfigureAwait(false) is null) return Results.NotFound();
            if (DocumentService.NominationKinds.All(k => k.Code != kind))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = ["Loại văn bản phải là một trong: " + string.Join(", ", DocumentService.NominationKinds.Select(k => k.Code)) + "."] });
            return await documents.ForNominationAsync(id, kind, ct).ConfigureAwait(false) is { } document
                ? await FileAsync(document, wanted, pdf, ct).ConfigureAwait(false)
                : Results.Problem("Văn bản này chưa có cho hồ sơ (Giấy khen chỉ in sau quyết định khen thưởng của Chủ tịch UBND xã).", statusCode: StatusCodes.Status409Conflict);
        }).WithTags("Nominations").WithSummary("A nomination's paper: to-trinh (letter; a draft until numbered), danh-sach (nominee list), bao-cao-thanh-tich (draft report), giay-khen (certificate, once decided); docx or pdf.");

        api.MapGet("/nominations/{id}/province-package/{submissionId}", async (string id, string submissionId, ClaimsPrincipal user, NominationQueries queries, NominationsContexts contexts, CancellationToken ct) =>
        {
            if (await queries.DetailAsync(id, user.ToActor(), ct).ConfigureAwait(false) is null) return Results.NotFound();
            await using var db = contexts.Create();
            var submission = await db.ProvinceSubmissions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == submissionId && s.NominationId == id, ct).ConfigureAwait(false);
            return submission?.Package is { } zip
                ? Results.File(zip, "application/zip", $"Ho-so-trinh-tinh-{submission.LetterNumber.Replace('/', '-')}.zip")
                : Results.NotFound();
        }).WithTags("Nominations").WithSummary("The ZIP sent up with a letter to the province: tờ trình, danh sách, biên bản and the dossier files the award requires.");

        MapTemplates(api);
        MapRegister(api);
        MapExports(api);
        MapReports(api);
    }

    private static void MapReports(RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");
        reports.MapGet("/movement", async (string? period, int? year, string? format, ClaimsPrincipal user, MovementReports movement, DocumentService documents, PdfConverter pdf,
            WorkingCalendar calendar, TimeProvider clock, CancellationToken ct) =>
        {
            if (!user.ToActor().SeesAllNominations) return Results.Problem("Báo cáo phong trào dành cho Phòng Văn hóa - Xã hội, Hội đồng và lãnh đạo xã.", statusCode: StatusCodes.Status403Forbidden);
            if (format is { Length: > 0 } && format is not ("json" or "xlsx" or "docx" or "pdf"))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["Định dạng phải là json, xlsx, docx hoặc pdf."] });
            if (year is < 2000 or > 2100) return Results.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["Năm không hợp lệ."] });
            var report = await movement.BuildAsync(ReportPeriod.Of(period, year ?? calendar.LocalDate(clock.GetUtcNow()).Year), ct).ConfigureAwait(false);
            return format switch
            {
                "xlsx" => Results.File(TableExport.Xlsx(ReportTables.Of(report)), TableExport.XlsxType, $"Bao-cao-phong-trao-{report.Period.Code}-{report.Period.ToYear}.xlsx"),
                "docx" or "pdf" => await FileAsync(await documents.MovementReportAsync(report, ct).ConfigureAwait(false), format, pdf, ct).ConfigureAwait(false),
                _ => Results.Ok(report),
            };
        }).WithSummary("The movement's results for a period (period=so-ket-2027, tong-ket-2030 or nam with year=): by unit group, unit, award, year and status; json, xlsx, docx or pdf.");

        reports.MapGet("/statistics", async (int? year, string? format, ClaimsPrincipal user, MovementReports movement, WorkingCalendar calendar, TimeProvider clock, CancellationToken ct) =>
        {
            if (!user.ToActor().SeesAllNominations) return Results.Problem("Báo cáo thống kê dành cho Phòng Văn hóa - Xã hội, Hội đồng và lãnh đạo xã.", statusCode: StatusCodes.Status403Forbidden);
            if (format is { Length: > 0 } && format is not ("json" or "xlsx" or "csv"))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["Định dạng phải là json, xlsx hoặc csv."] });
            if (year is < 2000 or > 2100) return Results.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["Năm không hợp lệ."] });
            var y = year ?? calendar.LocalDate(clock.GetUtcNow()).Year;
            var lines = await movement.StatisticsAsync(y, ct).ConfigureAwait(false);
            var table = ReportTables.Statistics(y, lines);
            return format switch
            {
                "xlsx" => Results.File(TableExport.Xlsx(table), TableExport.XlsxType, $"Thong-ke-khen-thuong-{y}.xlsx"),
                "csv" => Results.File(TableExport.Csv(table), TableExport.CsvType, $"Thong-ke-khen-thuong-{y}.csv"),
                _ => Results.Ok(lines.Select(l => new { l.Award, l.Level, l.Collectives, l.Individuals, l.Households, l.Total, l.PrizeMoney })),
            };
        }).WithSummary("The year-end statistics of awards (by award and level: collectives, individuals, households, prize money) the commune sends upward by 15/12.");
    }

    private static void MapTemplates(RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/templates").WithTags("Templates");
        templates.MapGet("/", async (TemplateStore store, CancellationToken ct) =>
            (await store.ListAsync(ct).ConfigureAwait(false)).Select(s => new
            {
                s.Kind.Code, s.Kind.Name, s.Customized, s.FileName, s.UploadedBy, s.UploadedAt,
                Required = s.Kind.Required.Select(f => new { f.Tag, f.Label }),
            })).WithSummary("The document templates in use: the shipped default or the office's upload, and the fields each must keep.");

        templates.MapGet("/{code}", async (string code, bool? original, TemplateStore store, CancellationToken ct) =>
            DocumentTemplates.Find(code) is not { } kind ? Results.NotFound()
                : Results.File(original == true ? DocumentTemplates.Default(kind) : await store.GetAsync(kind, ct).ConfigureAwait(false), GeneratedDocument.ContentType, kind.FileName))
            .WithSummary("Downloads the template in use (original=true: the shipped default) to edit in Word.");

        templates.MapGet("/{code}/preview", async (string code, string? format, DocumentService documents, PdfConverter pdf, CancellationToken ct) =>
        {
            if (Format(format) is not { } wanted) return FormatProblem();
            return DocumentTemplates.Find(code) is not { } kind ? Results.NotFound()
                : await FileAsync(await documents.SampleAsync(kind, ct).ConfigureAwait(false), wanted, pdf, ct).ConfigureAwait(false);
        }).WithSummary("The template in use filled with sample data.");

        // Multipart without an antiforgery token: the auth cookie is SameSite=Lax, so a cross-site form cannot post it.
        templates.MapPost("/{code}", async (string code, HttpRequest http, ClaimsPrincipal user, TemplateStore store, CancellationToken ct) =>
        {
            if (!user.ToActor().IsOffice) return Results.Problem("Chỉ Phòng Văn hóa - Xã hội thay mẫu văn bản.", statusCode: StatusCodes.Status403Forbidden);
            if (!http.HasFormContentType) return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Gửi tệp mẫu dạng multipart/form-data (trường file)."] });
            var form = await http.ReadFormAsync(ct).ConfigureAwait(false);
            if (form.Files.GetFile("file") is not { } file) return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Thiếu tệp mẫu (trường file)."] });
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct).ConfigureAwait(false);
            return (await store.UploadAsync(code, file.FileName, buffer.ToArray(), user.ToActor(), ct).ConfigureAwait(false))
                .ToHttp(s => Results.Ok(new { s.Kind.Code, s.Customized, s.FileName, s.UploadedBy, s.UploadedAt }));
        }).DisableAntiforgery().WithSummary("The office replaces a template with its own .docx; refused, naming each field, when a required field is missing.");

        templates.MapDelete("/{code}", async (string code, ClaimsPrincipal user, TemplateStore store, CancellationToken ct) =>
            (await store.RestoreDefaultAsync(code, user.ToActor(), ct).ConfigureAwait(false)).ToHttp(s => Results.Ok(new { s.Kind.Code, s.Customized })))
            .WithSummary("Restores the shipped default template.");
    }

    private static void MapRegister(RouteGroupBuilder api)
    {
        var register = api.MapGroup("/register").WithTags("Register");
        register.MapGet("/", async (int? year, ClaimsPrincipal user, NominationsContexts contexts, WorkingCalendar calendar, TimeProvider clock, CancellationToken ct) =>
        {
            var actor = user.ToActor();
            if (!actor.Is(Roles.Clerk) && !actor.IsOffice) return Results.Problem("Chỉ văn thư và Phòng Văn hóa - Xã hội xem sổ đăng ký văn bản đi.", statusCode: StatusCodes.Status403Forbidden);
            var y = year ?? calendar.LocalDate(clock.GetUtcNow()).Year;
            await using var db = contexts.Create();
            var entries = await db.Decisions.AsNoTracking().Where(d => d.Year == y).ToListAsync(ct).ConfigureAwait(false);
            var series = await db.DocumentSeries.AsNoTracking().Where(s => s.Year == y).ToListAsync(ct).ConfigureAwait(false);
            return Results.Ok(new
            {
                Year = y,
                Series = series.OrderBy(s => s.Symbol, StringComparer.Ordinal).Select(s => new { s.Symbol, s.Year, s.LastNumber, NextNumber = s.LastNumber + 1 }),
                Entries = entries.OrderBy(d => d.Symbol, StringComparer.Ordinal).ThenBy(d => d.Number)
                    .Select(d => new { d.Id, d.Kind, d.DocumentNumber, d.Number, d.Symbol, d.Title, d.SignedBy, d.SignerName, d.SignedAt, d.RegisteredBy }),
            });
        }).WithSummary("The register of outgoing documents (sổ đăng ký văn bản đi) of a year and each series' next number.");

        register.MapPost("/", async (RegisterRequest request, ClaimsPrincipal user, DocumentNumbers numbers, WorkingCalendar calendar, TimeProvider clock, CancellationToken ct) =>
            (await numbers.RegisterAsync(request.Symbol, request.Title, request.Number, request.Year ?? calendar.LocalDate(clock.GetUtcNow()).Year, user.ToActor(), ct).ConfigureAwait(false))
                .ToHttp(d => Results.Created($"/api/register?year={d.Year}", new { d.Id, d.DocumentNumber, d.Number, d.Symbol, d.Year, d.Title })))
            .WithSummary("The văn thư registers an outgoing document: the series' next number, or the number entered (refused when already used).");

        register.MapPut("/{id}/number", async (string id, NumberRequest request, ClaimsPrincipal user, DocumentNumbers numbers, CancellationToken ct) =>
            request.Number is not { } number
                ? Results.ValidationProblem(new Dictionary<string, string[]> { ["number"] = ["Nhập số văn bản theo sổ của xã."] })
                : (await numbers.RenumberAsync(id, number, user.ToActor(), ct).ConfigureAwait(false)).ToHttp(d => Results.Ok(new { d.Id, d.DocumentNumber, d.Number, d.Symbol, d.Year })))
            .WithSummary("The văn thư gives an issued document the number it has in the commune's own register (refused when used); the awards register follows.");

        register.MapPut("/series", async (SeriesRequest request, ClaimsPrincipal user, DocumentNumbers numbers, WorkingCalendar calendar, TimeProvider clock, CancellationToken ct) =>
            request.NextNumber is not { } next
                ? Results.ValidationProblem(new Dictionary<string, string[]> { ["nextNumber"] = ["Nhập số tiếp theo của sổ."] })
                : (await numbers.SetNextAsync(request.Symbol, request.Year ?? calendar.LocalDate(clock.GetUtcNow()).Year, next, user.ToActor(), ct).ConfigureAwait(false))
                    .ToHttp(s => Results.Ok(new { s.Symbol, s.Year, s.LastNumber, NextNumber = s.LastNumber + 1 })))
            .WithSummary("The văn thư sets where a series continues (the commune's real register); never at or below a number already used.");
    }

    private static void MapExports(RouteGroupBuilder api)
    {
        api.MapGet("/exports/{list}", async (string list, string? format, int? year, ClaimsPrincipal user, ExportQueries exports, CancellationToken ct) =>
        {
            var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
            if (!csv && format is { Length: > 0 } && !string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["Định dạng phải là xlsx (mặc định) hoặc csv."] });
            var table = await exports.TableAsync(list, year, user.ToActor(), ct).ConfigureAwait(false);
            if (table is null)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["list"] = ["Danh sách phải là một trong: " + string.Join(", ", ExportQueries.Lists) + "."] });
            var name = $"{table.Name}-{DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
            return csv ? Results.File(TableExport.Csv(table), TableExport.CsvType, name + ".csv") : Results.File(TableExport.Xlsx(table), TableExport.XlsxType, name + ".xlsx");
        }).WithTags("Exports").WithSummary("A list as Excel (format=xlsx, the default) or CSV: nominations, commendations (awards register), decisions (documents register); safe against formula injection.");
    }

    private static string? Format(string? format) => format switch
    {
        null or "" => "docx",
        _ when string.Equals(format, "docx", StringComparison.OrdinalIgnoreCase) => "docx",
        _ when string.Equals(format, "pdf", StringComparison.OrdinalIgnoreCase) => "pdf",
        _ => null,
    };

    private static IResult FormatProblem() =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["Định dạng phải là docx (mặc định) hoặc pdf."] });

    private static async Task<IResult> FileAsync(GeneratedDocument document, string format, PdfConverter pdf, CancellationToken ct)
    {
        if (format == "docx") return Results.File(document.Content, GeneratedDocument.ContentType, document.FileName);
        if (!pdf.Available)
            return Results.Problem("Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF; hãy tải bản Word (format=docx).", statusCode: StatusCodes.Status503ServiceUnavailable, title: "PDF chưa dùng được");
        return await pdf.ConvertAsync(document.Content, ct).ConfigureAwait(false) is { } bytes
            ? Results.File(bytes, PdfConverter.ContentType, document.Name + ".pdf")
            : Results.Problem("Không chuyển được văn bản sang PDF; hãy thử lại hoặc tải bản Word.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "PDF chưa dùng được");
    }
}
