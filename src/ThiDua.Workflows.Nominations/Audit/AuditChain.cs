using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ThiDua.Workflows.Nominations.Audit;

/// <summary>The hash that links an entry to the one before it.</summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Hash(string previousHash, long seq, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        // Fields joined with a separator that cannot occur in them unescaped (\u001f), times as UTC ticks truncated to
        // microseconds: what PostgreSQL keeps, so a hash computed before and after a round trip is the same.
        var text = string.Join('\u001f',
            previousHash,
            seq.ToString(CultureInfo.InvariantCulture),
            record.Id,
            (record.At.UtcTicks / 10 * 10).ToString(CultureInfo.InvariantCulture),
            record.Actor,
            record.Action,
            record.Subject,
            record.Detail ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
