using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Engine.Runtime;

/// <summary>Carries out one kind of side effect after its burst committed (print a line, send a mail, schedule a timer).</summary>
public interface IOutboxHandler
{
    /// <summary>The <see cref="OutboxMessage.Kind"/> this handler carries out.</summary>
    string Kind { get; }

    Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken = default);
}
