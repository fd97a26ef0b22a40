using System.Collections.Concurrent;
using System.Reflection;

namespace ReadinessLsp.Engine.Model.Facts;

/// <summary>
/// Whether facts of a type carry a position (a <see cref="FactSpan"/>, directly or in what they
/// hold). Two equal facts without one are the same in every way, so a model built only from such
/// facts is the same model when they are equal; one built from positioned facts must be rebuilt
/// whenever the file holding them changes, for the positions it shows.
/// </summary>
internal static class FactPositions
{
    private static readonly ConcurrentDictionary<Type, bool> Known = new();

    public static bool Carry(Type type) => Known.GetOrAdd(type, static t => Holds(t, []));

    private static bool Holds(Type type, HashSet<Type> seen)
    {
        if (type == typeof(FactSpan))
        {
            return true;
        }

        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || !seen.Add(type))
        {
            return false;
        }

        if (type.IsGenericType && type.GetGenericArguments().Any(a => Holds(a, seen)))
        {
            return true;
        }

        if (type.IsArray)
        {
            return Holds(type.GetElementType()!, seen);
        }

        // Only the engine's own types are looked into, by their fields (a record's properties are
        // backed by fields, and a computed property holds nothing); framework types (generic
        // arguments aside, handled above) hold no FactSpan.
        return type.Assembly == typeof(FactSpan).Assembly &&
            type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Any(f => Holds(f.FieldType, seen));
    }
}
