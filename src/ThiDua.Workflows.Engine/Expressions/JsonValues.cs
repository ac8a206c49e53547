using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Expressions;

/// <summary>
/// Conversions between the engine's canonical value form (<see cref="JsonNode"/>, which is what gets persisted)
/// and CLR types: typed inputs, typed variables, and plain CLR graphs for template engines.
/// </summary>
public static class JsonValues
{
    /// <summary>Converts a value to <typeparamref name="T"/>, accepting the loose forms found in Elsa files ("4", "00:00:05", enum names).</summary>
    public static T? To<T>(JsonNode? node) => (T?)To(node, typeof(T));

    public static object? To(JsonNode? node, Type target)
    {
        var underlying = Nullable.GetUnderlyingType(target) ?? target;
        if (node is null)
            return target.IsValueType && Nullable.GetUnderlyingType(target) is null ? Activator.CreateInstance(target) : null;
        if (underlying == typeof(JsonNode) || underlying.IsInstanceOfType(node))
            return node;

        if (node is JsonValue value)
        {
            var text = value.TryGetValue(out string? s) ? s : null;
            if (underlying == typeof(string))
                return text ?? (value.GetValueKind() == JsonValueKind.True ? "true" : value.GetValueKind() == JsonValueKind.False ? "false" : value.ToJsonString());
            if (text is not null)
            {
                if (underlying == typeof(TimeSpan)) return TimeSpan.Parse(text, CultureInfo.InvariantCulture);
                if (underlying == typeof(DateTimeOffset)) return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
                if (underlying == typeof(DateTime)) return DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
                if (underlying.IsEnum) return Enum.Parse(underlying, text, ignoreCase: true);
                if (underlying == typeof(bool)) return bool.Parse(text);
                if (underlying.IsPrimitive || underlying == typeof(decimal))
                    return Convert.ChangeType(text, underlying, CultureInfo.InvariantCulture);
                if (underlying == typeof(string[]) || underlying == typeof(List<string>))
                {
                    // The Object syntax stores arrays as a JSON string.
                    var parsed = JsonNode.Parse(text);
                    return To(parsed, target);
                }
            }

            if (underlying == typeof(TimeSpan) && value.GetValueKind() == JsonValueKind.Number) return TimeSpan.FromMilliseconds(ToDouble(value));
            if (underlying.IsPrimitive || underlying == typeof(decimal))
            {
                if (value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                    return Convert.ChangeType(value.GetValue<bool>(), underlying, CultureInfo.InvariantCulture);
                var number = ToDouble(value);
                if (underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(short))
                    number = Math.Round(number);
                return Convert.ChangeType(number, underlying, CultureInfo.InvariantCulture);
            }
        }

        if (underlying == typeof(string))
            return node.ToJsonString();
        return node.Deserialize(target);
    }

    /// <summary>Creates a JSON value from a CLR value (numbers, strings, bools, dictionaries, lists, ...).</summary>
    public static JsonNode? From(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        double d when double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 9e15 => JsonValue.Create((long)d),
        double d => JsonValue.Create(d),
        _ => JsonSerializer.SerializeToNode(value),
    };

    /// <summary>Converts JSON into plain CLR values (string, double, bool, Dictionary, List) for template engines.</summary>
    public static object? ToClr(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => ToClr(p.Value)),
        JsonArray a => a.Select(ToClr).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.TryGetValue(out string? s) ? s : v.ToString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => v.TryGetValue(out long l) ? l : ToDouble(v),
            _ => null,
        },
        _ => null,
    };

    /// <summary>Reads a JSON number whatever CLR type backs it (parsed JSON, long, int, double, decimal).</summary>
    public static double ToDouble(JsonValue value)
    {
        if (value.TryGetValue(out double d)) return d;
        if (value.TryGetValue(out long l)) return l;
        if (value.TryGetValue(out int i)) return i;
        if (value.TryGetValue(out decimal m)) return (double)m;
        if (value.TryGetValue(out JsonElement e) && e.ValueKind == JsonValueKind.Number) return e.GetDouble();
        throw new FormatException($"{value.ToJsonString()} is not a number");
    }

    /// <summary>
    /// Coerces a value to an Elsa variable type alias (Int32, Boolean, String, ...), as Elsa does when it stores
    /// a variable. A value that cannot be coerced is kept as it is.
    /// </summary>
    public static JsonNode? Coerce(JsonNode? value, string typeName)
    {
        if (value is null) return null;
        try
        {
            return typeName switch
            {
                "Int32" or "Int64" or "Int16" or "Byte" or "Long" => JsonValue.Create(To<long>(value)),
                "Double" or "Single" or "Decimal" => JsonValue.Create(To<double>(value)),
                "Boolean" => JsonValue.Create(To<bool>(value)),
                "String" => JsonValue.Create(To<string>(value)),
                _ => value,
            };
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException or JsonException)
        {
            return value;
        }
    }
}
