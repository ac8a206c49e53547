using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Notifications.Entities;
using ThiDua.Workflows.Notifications.Tasks;

namespace ThiDua.Workflows.Nominations.Documents;

/// <summary>One file of the package: its name in the ZIP and its bytes.</summary>
public sealed record PackageEntry(string Name, byte[] Content);

/// <summary>
/// The package a commune sends up with a letter (domain-rules §6): for each document type the award requires, the
/// commune's own paper where the product writes it (tờ trình, danh sách trích ngang, the council's minutes) and the
/// dossier's files of that type (the unit's letter, achievement reports, certificates…). Nothing else goes in. The
/// chair cannot sign the letter while a required type has neither: <see cref="RefusalAsync"/> names each one.
/// </summary>
public sealed class ProvincePackage(NominationsContexts contexts, DocumentService documents) : ITaskDecisionGuard
{
    /// <summary>The province path's step where the chair signs the letter, and the action that sends it.</summary>
    public const string LetterTaskId = "chairLetter";

    public const string SignAction = "Sign";

    public async Task<string?> RefusalAsync(TaskRecord task, string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.ActivityId != LetterTaskId || action != SignAction || task.CorrelationId is not { } nominationId) return null;
        var missing = await MissingAsync(nominationId, cancellationToken).ConfigureAwait(false);
        return missing.Count == 0 ? null
            : $"Chưa thể ký tờ trình: hồ sơ trình cấp trên còn thiếu {string.Join("; ", missing)} (theo danh mục hồ sơ bắt buộc của hình thức khen thưởng).";
    }

    /// <summary>The labels of the required document types the package would lack.</summary>
    public async Task<IReadOnlyList<string>> MissingAsync(string nominationId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var (award, attachments, minutes) = await LoadAsync(db, nominationId, cancellationToken).ConfigureAwait(false);
        if (award is null) return [];
        return Required(award).Where(type => !Written(type, minutes) && attachments.All(a => a.DocumentType != type))
            .Select(type => DocumentTypes.Labels.GetValueOrDefault(type, type)).ToList();
    }

    /// <summary>The files of the package for the letter <paramref name="letterId"/> (already numbered).</summary>
    public async Task<IReadOnlyList<PackageEntry>> EntriesAsync(string nominationId, string letterId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var (award, attachments, minutes) = await LoadAsync(db, nominationId, cancellationToken).ConfigureAwait(false);
        if (award is null) return [];
        var entries = new List<PackageEntry>();
        var index = 0;
        string Numbered(string name) => $"{++index:00}-{name}";
        foreach (var type in Required(award))
        {
            var written = type switch
            {
                DocumentTypes.SubmissionLetter => await documents.ForDecisionAsync(letterId, cancellationToken).ConfigureAwait(false),
                DocumentTypes.NomineeList => await documents.ForNominationAsync(nominationId, DocumentTemplates.NomineeList.Code, cancellationToken).ConfigureAwait(false),
                DocumentTypes.MeetingMinutes when minutes is not null => await documents.ForDecisionAsync(minutes.Id, cancellationToken).ConfigureAwait(false),
                _ => null,
            };
            if (written is not null) entries.Add(new PackageEntry(Numbered(written.FileName), written.Content));
            foreach (var file in attachments.Where(a => a.DocumentType == type))
            {
                var content = await db.AttachmentContents.AsNoTracking().Where(c => c.AttachmentId == file.Id).Select(c => c.Content).FirstAsync(cancellationToken).ConfigureAwait(false);
                entries.Add(new PackageEntry(Numbered(file.FileName), content));
            }
        }

        return entries;
    }

    public static byte[] Zip(IEnumerable<PackageEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: System.Text.Encoding.UTF8))
        {
            foreach (var entry in entries)
            {
                using var target = zip.CreateEntry(entry.Name, CompressionLevel.Optimal).Open();
                target.Write(entry.Content);
            }
        }

        return stream.ToArray();
    }

    private static IEnumerable<string> Required(AwardKind award) => award.RequiredDocuments.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct();

    /// <summary>The commune writes its letter and the nominee list itself, and the council's minutes once it has voted.</summary>
    private static bool Written(string type, Decision? minutes) =>
        type is DocumentTypes.SubmissionLetter or DocumentTypes.NomineeList || (type == DocumentTypes.MeetingMinutes && minutes is not null);

    private static async Task<(AwardKind? Award, List<Attachment> Attachments, Decision? Minutes)> LoadAsync(NominationsDbContext db, string nominationId, CancellationToken cancellationToken)
    {
        var nomination = await db.Nominations.AsNoTracking().FirstOrDefaultAsync(n => n.Id == nominationId, cancellationToken).ConfigureAwait(false);
        if (nomination is null) return (null, [], null);
        var award = await db.AwardKinds.AsNoTracking().FirstAsync(a => a.Code == nomination.AwardCode, cancellationToken).ConfigureAwait(false);
        var attachments = await db.Attachments.AsNoTracking().Where(a => a.NominationId == nominationId).OrderBy(a => a.UploadedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        var sessions = await db.CouncilSessionItems.AsNoTracking().Where(i => i.NominationId == nominationId).Select(i => "session:" + i.SessionId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var minutes = (await db.Decisions.AsNoTracking().Where(d => d.Kind == "Minutes" && sessions.Contains(d.SubjectKey)).ToListAsync(cancellationToken).ConfigureAwait(false))
            .OrderByDescending(d => d.SignedAt).FirstOrDefault();
        return (award, attachments, minutes);
    }
}
