using Microsoft.Extensions.Logging;

namespace ThiDua.Workflows.Engine.Runtime;

/// <summary>Hands a committed burst's outbox messages to their handlers.</summary>
public interface IOutboxDispatcher
{
    Task DispatchAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken = default);
}

/// <summary>
/// Runs the handlers in-process right after commit. A failing handler is reported and the others still run; a
/// durable store adds its own dispatcher that records delivery and retries what is left.
/// </summary>
public sealed partial class InlineOutboxDispatcher(IEnumerable<IOutboxHandler> handlers, ILogger<InlineOutboxDispatcher> logger) : IOutboxDispatcher
{
    private readonly Dictionary<string, IOutboxHandler[]> _handlers = handlers.GroupBy(h => h.Kind).ToDictionary(g => g.Key, g => g.ToArray());

    public async Task DispatchAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken = default)
    {
        foreach (var message in messages)
            await DispatchOneAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether this process can carry out a kind of message at all.</summary>
    public bool Handles(string kind) => _handlers.ContainsKey(kind);

    /// <summary>Delivers one message; returns null when every handler succeeded, else what went wrong (for the record).</summary>
    public async Task<string?> DispatchOneAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        if (!_handlers.TryGetValue(message.Kind, out var handlers)) return $"no handler for '{message.Kind}'";
        string? error = null;
        foreach (var handler in handlers)
        {
            try
            {
                await handler.HandleAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                error ??= $"{ex.GetType().Name}: {ex.Message}";
                HandlerFailed(logger, ex, message.Kind, message.Id, message.WorkflowInstanceId);
            }
        }

        return error;
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "Outbox handler for {Kind} failed on message {MessageId} of workflow instance {WorkflowInstanceId}")]
    private static partial void HandlerFailed(ILogger logger, Exception exception, string kind, string messageId, string workflowInstanceId);
}
