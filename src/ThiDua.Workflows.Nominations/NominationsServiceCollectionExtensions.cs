using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ThiDua.Workflows.Engine.Hosting;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Nominations.Activities;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Notifications;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Persistence;
using ThiDua.Workflows.Persistence.Outbox;

namespace ThiDua.Workflows.Nominations;

public static class NominationsServiceCollectionExtensions
{
    /// <summary>
    /// The nomination domain: its tables, users and roles (the directory task mail uses), the award catalogue,
    /// services, the outbox handler and the activities. Needs the EF store, scheduling and notifications.
    /// </summary>
    public static IWorkflowEngineBuilder AddNominations(this IWorkflowEngineBuilder builder, Action<NominationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new NominationOptions();
        configure?.Invoke(options);
        var services = builder.Services;
        services.AddSingleton(options);
        services.TryAddSingleton<NominationsContexts>();
        services.TryAddSingleton<UserAccounts>();
        services.RemoveAll<IUserDirectory>();
        services.AddSingleton<IUserDirectory>(sp => sp.GetRequiredService<UserAccounts>());
        services.TryAddSingleton<Audit.AuditTrail>();
        services.TryAddSingleton<DocumentNumbers>();
        services.TryAddSingleton(sp => LeasedOutboxes.Create(sp, WorkflowSignals.Table, sp.GetRequiredService<NominationsContexts>().Create, sp.GetRequiredService<StoreOptions>().OutboxLease));
        services.AddSingleton<IDeadLetterBox>(sp => sp.GetRequiredService<LeasedOutbox<NominationsDbContext, WorkflowSignal>>());
        services.TryAddSingleton<WorkflowSignals>();
        services.TryAddSingleton<ListDecisions>();
        services.TryAddSingleton<Documents.DocumentService>();
        services.TryAddSingleton<Documents.TemplateStore>();
        services.TryAddSingleton<MovementReports>();
        services.TryAddSingleton<MovementService>();
        services.TryAddSingleton<AnnualCalendar>();
        services.TryAddSingleton<AwardDelivery>();
        services.TryAddSingleton<ProposalService>();
        services.AddSingleton<ThiDua.Workflows.Notifications.Tasks.ITaskDecisionGuard>(sp => sp.GetRequiredService<ProposalService>());
        services.AddSingleton<ThiDua.Workflows.Notifications.Tasks.ITaskDecisionGuard, HoldGuard>();
        services.TryAddSingleton<Documents.PdfConverter>();
        services.TryAddSingleton<Documents.ProvincePackage>();
        services.AddSingleton<ThiDua.Workflows.Notifications.Tasks.ITaskDecisionGuard>(sp => sp.GetRequiredService<Documents.ProvincePackage>());
        services.TryAddSingleton<AttachmentPolicy>();
        services.TryAddSingleton<NominationService>();
        services.TryAddSingleton<CouncilService>();
        services.TryAddSingleton<NominationQueries>();
        services.TryAddSingleton<Settings>();
        services.TryAddSingleton<NominationsInitializer>();
        foreach (var kind in NominationMessages.All)
            services.AddSingleton<IOutboxHandler>(sp => ActivatorUtilities.CreateInstance<NominationMessageHandler>(sp, kind));
        foreach (var kind in Activities.Proposals.ProposalMessages.All)
            services.AddSingleton<IOutboxHandler>(sp => ActivatorUtilities.CreateInstance<ProposalMessageHandler>(sp, kind));
        return builder.AddNominationActivities();
    }

    /// <summary>Only the activities (the CLI validates and runs workflow files that use them).</summary>
    public static IWorkflowEngineBuilder AddNominationActivities(this IWorkflowEngineBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddActivity<SetNominationStatus>()
            .AddActivity<AcceptDossier>()
            .AddActivity<RequestSupplement>()
            .AddActivity<HoldForEligibility>()
            .AddActivity<PublicPosting>()
            .AddActivity<CouncilVote>()
            .AddActivity<IssueDecision>()
            .AddActivity<SubmitToProvince>()
            .AddActivity<NotifyUnit>()
            .AddActivity<Activities.Proposals.AdvanceProposal>()
            .AddActivity<Activities.Proposals.AwaitProposalCouncil>()
            .AddActivity<Activities.Proposals.DecideProposal>()
            .AddActivity<Activities.Proposals.NotifyProposalUnit>();
    }
}
