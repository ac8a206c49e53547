using System.Security.Cryptography;

namespace ThiDua.Workflows.Web.Security;

/// <summary>
/// Time-based one-time codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), as authenticator apps make them,
/// and the Base32 key they are given (RFC 4648, no padding).
/// </summary>
public static class Totp
{
    public const int StepSeconds = 30;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(20);

    public static long StepOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / StepSeconds;

    public static string Code(byte[] key, long step)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        // RFC 6238's default, which every authenticator app uses; HMAC-SHA1 is not weak as a MAC.
#pragma warning disable CA5350
        HMACSHA1.HashData(key, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var value = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>True for the code of this step or the one before or after (clocks drift by a few seconds).</summary>
    public static bool Verify(byte[] key, string? code, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        var typed = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (typed.Length != 6) return false;
        var step = StepOf(now);
        var match = false;
        // Compare every candidate in constant time, so the answer's timing tells nothing.
        for (var d = -1; d <= 1; d++)
            match |= CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(key, step + d)), System.Text.Encoding.ASCII.GetBytes(typed));
        return match;
    }

    public static string ToBase32(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var text = new System.Text.StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0) text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        return text.ToString();
    }

    public static byte[] FromBase32(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant().Where(c => c != ' ' && c != '='))
        {
            var index = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (index < 0) throw new FormatException("Not a Base32 key.");
            buffer = (buffer << 5) | index;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)((buffer >> (bits - 8)) & 0xFF));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
