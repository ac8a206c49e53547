namespace ThiDua.Workflows.Nominations;

/// <summary>
/// Settings of the nomination domain (<c>Workflows:Nominations</c>). Each default is domain-rules.md's value; the
/// ones it marks UNCONFIRMED or "per province" are listed in the README.
/// </summary>
public sealed class NominationOptions
{
    public const string SectionName = "Workflows:Nominations";

    /// <summary>Lương cơ sở (ND 73/2024): the base of prize money; the value in force on the decision date.</summary>
    public long BaseSalary { get; set; } = 2_340_000;

    /// <summary>Share of all council members who must attend for a vote to count (UNCONFIRMED at commune level; Bắc Ninh uses 80%).</summary>
    public int CouncilQuorumPercent { get; set; } = 80;

    /// <summary>Working days the office has to check a dossier for completeness (central rule: 5).</summary>
    public int CompletenessCheckWorkingDays { get; set; } = 5;

    /// <summary>Working days a unit has to supply what is missing.</summary>
    public int SupplementWorkingDays { get; set; } = 10;

    /// <summary>Working days after the letter to the province when the office is reminded to chase its decision (UNCONFIRMED).</summary>
    public int ProvinceReminderWorkingDays { get; set; } = 30;

    /// <summary>The issuer's series symbols (ND 30/2020).</summary>
    public string DecisionSymbol { get; set; } = "QĐ-UBND";

    public string SubmissionLetterSymbol { get; set; } = "TTr-UBND";

    public string MinutesSymbol { get; set; } = "BB-HĐTĐKT";

    public string CommuneName { get; set; } = "xã Trường Lưu";

    public string ChairTitle { get; set; } = "Chủ tịch UBND xã Trường Lưu";

    /// <summary>The province a commune submits to (letters go to its chair through Sở Nội vụ).</summary>
    public string ProvinceName { get; set; } = "tỉnh Hà Tĩnh";

    /// <summary>Where the province package is mailed when the office sends it by mail (Sở Nội vụ's mailbox); none keeps it for download.</summary>
    public string? ProvinceMailbox { get; set; }

    /// <summary>LibreOffice's program (soffice) for PDF; none looks for soffice or libreoffice on PATH.</summary>
    public string? LibreOfficePath { get; set; }

    /// <summary>Workflow definitions of the three paths.</summary>
    public string CommunePathWorkflow { get; set; } = "nomination-commune";

    public string ProvincePathWorkflow { get; set; } = "nomination-province";

    public string SimplifiedPathWorkflow { get; set; } = "nomination-simplified";

    public AttachmentOptions Attachments { get; set; } = new();

    /// <summary>Per-award overrides of the seeded catalogue values (key: award code, e.g. <c>GIAYKHEN</c>).</summary>
    public Dictionary<string, AwardSettings> Catalog { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Seed demo data (xã Trường Lưu's units, people, users, campaign, nominations) into an empty database.</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>
    /// Cron (UTC) of the annual calendar's sync, which opens the year's deadline tasks and closes those met; it also
    /// runs once at start. Empty: the calendar opens nothing by itself (tests that drive it by hand).
    /// </summary>
    public string CalendarSyncCron { get; set; } = "0 * * * *";
}

/// <summary>What a province may set for one award.</summary>
public sealed class AwardSettings
{
    public int? TimeLimitWorkingDays { get; set; }

    public int? VoteThresholdPercent { get; set; }

    public int? PostingDays { get; set; }

    public decimal? PrizeMultipleIndividual { get; set; }

    public decimal? PrizeMultipleCollective { get; set; }
}

public sealed class AttachmentOptions
{
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Allowed file extensions (lower case, with the dot).</summary>
    public List<string> AllowedExtensions { get; set; } = [".pdf", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png"];

    /// <summary>A .docx/.xlsx package: at most this many entries …</summary>
    public int MaxPackageEntries { get; set; } = 2_000;

    /// <summary>… this many bytes once uncompressed …</summary>
    public long MaxUncompressedBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>… and no entry compressed more than this many times (a zip bomb is refused).</summary>
    public int MaxCompressionRatio { get; set; } = 200;

    /// <summary>An image: at most this many pixels (a photo of a certificate is a few million).</summary>
    public long MaxImagePixels { get; set; } = 60_000_000;
}
