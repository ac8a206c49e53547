using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Persistence;

namespace ThiDua.Workflows.Nominations;

/// <summary>
/// The nomination domain's tables, in the same database as the workflow store (own migration history). Migrations:
/// <code>
/// dotnet ef migrations add NAME --project src/ThiDua.Workflows.Nominations --context SqliteNominationsDbContext --output-dir Migrations/Sqlite
/// dotnet ef migrations add NAME --project src/ThiDua.Workflows.Nominations --context PostgresNominationsDbContext --output-dir Migrations/Postgres
/// </code>
/// </summary>
public abstract class NominationsDbContext(DbContextOptions options) : DbContext(options)
{
    public const string HistoryTable = "__NominationsMigrationsHistory";

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<UserAccount> Users => Set<UserAccount>();

    public DbSet<UserRole> UserRoles => Set<UserRole>();

    public DbSet<CouncilSeat> CouncilSeats => Set<CouncilSeat>();

    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<CampaignPhase> CampaignPhases => Set<CampaignPhase>();

    public DbSet<AwardKind> AwardKinds => Set<AwardKind>();

    public DbSet<Nomination> Nominations => Set<Nomination>();

    public DbSet<NominationEvent> NominationEvents => Set<NominationEvent>();

    public DbSet<EligibilityHold> EligibilityHolds => Set<EligibilityHold>();

    public DbSet<Objection> Objections => Set<Objection>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();

    public DbSet<Commendation> Commendations => Set<Commendation>();

    public DbSet<CouncilSession> CouncilSessions => Set<CouncilSession>();

    public DbSet<CouncilSessionMember> CouncilSessionMembers => Set<CouncilSessionMember>();

    public DbSet<CouncilSessionItem> CouncilSessionItems => Set<CouncilSessionItem>();

    public DbSet<BallotReceipt> BallotReceipts => Set<BallotReceipt>();

    public DbSet<Decision> Decisions => Set<Decision>();

    public DbSet<DocumentSeries> DocumentSeries => Set<DocumentSeries>();

    public DbSet<DocumentTemplate> DocumentTemplates => Set<DocumentTemplate>();

    public DbSet<DisciplineRecord> Disciplines => Set<DisciplineRecord>();

    public DbSet<Proposal> Proposals => Set<Proposal>();

    public DbSet<CampaignContent> CampaignContents => Set<CampaignContent>();

    public DbSet<CampaignCriterion> CampaignCriteria => Set<CampaignCriterion>();

    public DbSet<UnitReport> UnitReports => Set<UnitReport>();

    public DbSet<CalendarDeadline> CalendarDeadlines => Set<CalendarDeadline>();

    public DbSet<UnitPlan> UnitPlans => Set<UnitPlan>();

    public DbSet<UnitReportItem> UnitReportItems => Set<UnitReportItem>();

    public DbSet<ProvinceSubmission> ProvinceSubmissions => Set<ProvinceSubmission>();

    public DbSet<WorkflowSignal> WorkflowSignals => Set<WorkflowSignal>();

    public DbSet<Audit.AuditRecord> AuditTrail => Set<Audit.AuditRecord>();

    public DbSet<Audit.AuditChainHead> AuditChainHeads => Set<Audit.AuditChainHead>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Unit>(b =>
        {
            b.ToTable("Units");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasMaxLength(64);
            b.Property(x => x.Name).HasMaxLength(300);
            b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        });
        modelBuilder.Entity<Person>(b =>
        {
            b.ToTable("People");
            b.HasKey(x => x.Id);
            b.Property(x => x.FullName).HasMaxLength(200);
            b.HasIndex(x => x.UnitId);
        });
        modelBuilder.Entity<UserAccount>(b =>
        {
            b.ToTable("Users");
            b.HasKey(x => x.UserName);
            b.Property(x => x.UserName).HasMaxLength(64);
            b.Property(x => x.TotpSecret).HasMaxLength(1000);
            b.HasMany(x => x.Roles).WithOne().HasForeignKey(r => r.UserName);
        });
        modelBuilder.Entity<UserRole>(b =>
        {
            b.ToTable("UserRoles");
            b.HasKey(x => new { x.UserName, x.Role });
            b.Property(x => x.Role).HasMaxLength(32);
            b.HasIndex(x => x.Role);
        });
        modelBuilder.Entity<CouncilSeat>(b =>
        {
            b.ToTable("CouncilSeats");
            b.HasKey(x => x.UserName);
        });
        modelBuilder.Entity<Campaign>(b =>
        {
            b.ToTable("Campaigns");
            b.HasKey(x => x.Id);
            b.HasMany(x => x.Phases).WithOne().HasForeignKey(p => p.CampaignId);
        });
        modelBuilder.Entity<CampaignPhase>(b => b.ToTable("CampaignPhases"));
        modelBuilder.Entity<AwardKind>(b =>
        {
            b.ToTable("AwardKinds");
            b.HasKey(x => x.Code);
            b.Property(x => x.Code).HasMaxLength(32);
            b.Property(x => x.Category).HasConversion<string>().HasMaxLength(32);
            b.Property(x => x.Level).HasConversion<string>().HasMaxLength(32);
            b.Property(x => x.VoteRule).HasConversion<string>().HasMaxLength(32);
            b.Property(x => x.PrizeMultipleIndividual).HasPrecision(6, 2);
            b.Property(x => x.PrizeMultipleCollective).HasPrecision(6, 2);
        });
        modelBuilder.Entity<Nomination>(b =>
        {
            b.ToTable("Nominations");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasMaxLength(64);
            b.Property(x => x.Status).HasMaxLength(32);
            b.Property(x => x.NomineeKind).HasConversion<string>().HasMaxLength(16);
            b.Property(x => x.CommendationType).HasConversion<string>().HasMaxLength(16);
            b.Property(x => x.PerformanceRating).HasConversion<string>().HasMaxLength(16);
            b.HasIndex(x => x.ProposalId);
            b.HasIndex(x => new { x.Status, x.Year });
            b.HasIndex(x => x.UnitId);
            b.HasIndex(x => x.PersonId);
        });
        modelBuilder.Entity<NominationEvent>(b =>
        {
            b.ToTable("NominationEvents");
            b.HasKey(x => x.Id);
            b.HasIndex(x => x.NominationId);
            b.HasIndex(x => x.SourceMessageId).IsUnique();
        });
        modelBuilder.Entity<EligibilityHold>(b =>
        {
            b.ToTable("EligibilityHolds");
            b.HasIndex(x => x.NominationId);
        });
        modelBuilder.Entity<Objection>(b =>
        {
            b.ToTable("Objections");
            b.HasIndex(x => x.NominationId);
            b.Property(x => x.Address).HasMaxLength(64);
        });
        modelBuilder.Entity<Attachment>(b =>
        {
            b.ToTable("Attachments");
            b.HasKey(x => x.Id);
            b.HasIndex(x => x.NominationId);
        });
        modelBuilder.Entity<AttachmentContent>(b =>
        {
            b.ToTable("AttachmentContents");
            b.HasKey(x => x.AttachmentId);
        });
        modelBuilder.Entity<Commendation>(b =>
        {
            b.ToTable("Commendations");
            b.HasIndex(x => x.PersonId);
            b.HasIndex(x => x.UnitId);
            b.HasIndex(x => x.NominationId);
        });
        modelBuilder.Entity<CouncilSession>(b =>
        {
            b.ToTable("CouncilSessions");
            b.HasKey(x => x.Id);
            b.HasMany(x => x.Members).WithOne().HasForeignKey(m => m.SessionId);
            b.HasMany(x => x.Items).WithOne().HasForeignKey(i => i.SessionId);
        });
        modelBuilder.Entity<CouncilSessionMember>(b =>
        {
            b.ToTable("CouncilSessionMembers");
            b.HasKey(x => new { x.SessionId, x.UserName });
        });
        modelBuilder.Entity<CouncilSessionItem>(b =>
        {
            b.ToTable("CouncilSessionItems");
            b.HasKey(x => new { x.SessionId, x.NominationId });
            b.Property(x => x.VoteRule).HasConversion<string>().HasMaxLength(32);
            b.HasIndex(x => x.NominationId);
        });
        modelBuilder.Entity<BallotReceipt>(b =>
        {
            b.ToTable("BallotReceipts");
            b.HasKey(x => new { x.SessionId, x.NominationId, x.UserName });
        });
        modelBuilder.Entity<Decision>(b =>
        {
            b.ToTable("Decisions");
            b.HasKey(x => x.Id);
            b.HasIndex(x => new { x.Symbol, x.Year, x.Number }).IsUnique();
            b.HasIndex(x => new { x.Kind, x.SubjectKey }).IsUnique();
        });
        modelBuilder.Entity<DocumentSeries>(b =>
        {
            b.ToTable("DocumentSeries");
            b.HasKey(x => new { x.Symbol, x.Year });
        });
        modelBuilder.Entity<Proposal>(b =>
        {
            b.ToTable("Proposals");
            b.HasKey(x => x.Id);
            b.Property(x => x.Status).HasMaxLength(32);
            b.HasIndex(x => new { x.UnitId, x.Year });
        });
        modelBuilder.Entity<DisciplineRecord>(b =>
        {
            b.ToTable("Disciplines");
            b.HasKey(x => x.Id);
            b.Property(x => x.Form).HasMaxLength(100);
            b.HasIndex(x => x.PersonId);
        });
        modelBuilder.Entity<CampaignContent>(b =>
        {
            b.ToTable("CampaignContents");
            b.HasKey(x => x.Id);
            b.HasOne<Campaign>().WithMany(c => c.Contents).HasForeignKey(x => x.CampaignId);
        });
        modelBuilder.Entity<CampaignCriterion>(b =>
        {
            b.ToTable("CampaignCriteria");
            b.HasKey(x => x.Id);
            b.Property(x => x.Group).HasMaxLength(4);
            b.HasOne<Campaign>().WithMany(c => c.Criteria).HasForeignKey(x => x.CampaignId);
        });
        modelBuilder.Entity<UnitReport>(b =>
        {
            b.ToTable("UnitReports");
            b.HasKey(x => x.Id);
            b.HasIndex(x => new { x.CampaignId, x.UnitId, x.Year }).IsUnique();
            b.HasMany(x => x.Items).WithOne().HasForeignKey(i => i.ReportId);
        });
        modelBuilder.Entity<UnitPlan>(b =>
        {
            b.ToTable("UnitPlans");
            b.HasKey(x => x.Id);
            b.Property(x => x.FileName).HasMaxLength(260);
            b.HasIndex(x => new { x.UnitId, x.SubmittedAt });
        });
        modelBuilder.Entity<CalendarDeadline>(b =>
        {
            b.ToTable("CalendarDeadlines");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasMaxLength(64);
            b.Property(x => x.Title).HasMaxLength(300);
            b.Property(x => x.Audience).HasConversion<string>().HasMaxLength(16);
            b.Property(x => x.Fulfilment).HasConversion<string>().HasMaxLength(16);
            b.Property(x => x.AwardCode).HasMaxLength(32);
            b.Property(x => x.Reminders).HasMaxLength(64);
            b.Ignore(x => x.ReminderDays);
        });
        modelBuilder.Entity<UnitReportItem>(b =>
        {
            b.ToTable("UnitReportItems");
            b.HasKey(x => x.Id);
        });
        modelBuilder.Entity<DocumentTemplate>(b =>
        {
            b.ToTable("DocumentTemplates");
            b.HasKey(x => x.Code);
            b.Property(x => x.Code).HasMaxLength(64);
        });
        modelBuilder.Entity<WorkflowSignal>(b =>
        {
            b.ToTable("WorkflowSignals");
            b.HasKey(x => x.Id);
            b.Property(x => x.Stimulus).HasMaxLength(128);
            b.Property(x => x.LastError).HasMaxLength(2000);
            b.HasIndex(x => new { x.DeliveredAt, x.NextAttemptAt });
        });
        modelBuilder.Entity<Audit.AuditRecord>(b =>
        {
            b.ToTable("AuditTrail");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasMaxLength(32);
            b.Property(x => x.Actor).HasMaxLength(128);
            b.Property(x => x.Action).HasMaxLength(64);
            b.Property(x => x.Subject).HasMaxLength(256);
            b.Property(x => x.Hash).HasMaxLength(64);
            b.HasIndex(x => x.Seq).IsUnique();
        });
        modelBuilder.Entity<Audit.AuditChainHead>(b =>
        {
            b.ToTable("AuditChainHead");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.LastHash).HasMaxLength(64);
        });
        modelBuilder.Entity<ProvinceSubmission>(b =>
        {
            b.ToTable("ProvinceSubmissions");
            b.HasKey(x => x.Id);
            b.HasIndex(x => x.NominationId);
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}

public sealed class SqliteNominationsDbContext(DbContextOptions<SqliteNominationsDbContext> options) : NominationsDbContext(options);

public sealed class PostgresNominationsDbContext(DbContextOptions<PostgresNominationsDbContext> options) : NominationsDbContext(options);

public sealed class SqliteNominationsDesignTimeFactory : IDesignTimeDbContextFactory<SqliteNominationsDbContext>
{
    public SqliteNominationsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteNominationsDbContext>().UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable(NominationsDbContext.HistoryTable)).Options);
}

public sealed class PostgresNominationsDesignTimeFactory : IDesignTimeDbContextFactory<PostgresNominationsDbContext>
{
    public PostgresNominationsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresNominationsDbContext>().UseNpgsql("Host=127.0.0.1;Database=design", o => o.MigrationsHistoryTable(NominationsDbContext.HistoryTable)).Options);
}

/// <summary>Contexts for the nomination tables, on the workflow store's database and provider.</summary>
public sealed class NominationsContexts(StoreOptions store)
{
    private readonly ModuleDbContexts<NominationsDbContext> _contexts =
        ModuleDbContexts.For<NominationsDbContext, SqliteNominationsDbContext, PostgresNominationsDbContext>(store, NominationsDbContext.HistoryTable);

    public StoreProvider Provider { get; } = store.Provider;

    public NominationsDbContext Create() => _contexts.Create();

    public Task MigrateAsync(CancellationToken cancellationToken = default) => _contexts.MigrateAsync(cancellationToken);
}
