using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Nominations.Activities.Proposals;

[Activity(TypeName, Category = "Nominations", DisplayName = "Notify unit of the list", Description = "Mails the proposing unit the result of its list: awarded, returned and refused nominees, the decision number.")]
public sealed class NotifyProposalUnit : IActivity
{
    public const string TypeName = "ThiDua.Proposals.NotifyUnit";

    public static readonly Input<string> Note = new("note", null, "A line for the unit.");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        context.Emit(ProposalMessages.Notify, ProposalMessages.Of(context, ("note", context.Get(Note))));
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
