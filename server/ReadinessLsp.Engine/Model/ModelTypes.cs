using System.Collections.Concurrent;
using System.Reflection;

namespace ReadinessLsp.Engine.Model;

/// <summary>
/// What the state needs to know about a model type it holds only as a <see cref="Type"/> (from a
/// resolver's <c>Reads</c>): the fact types it is built from, whether it can be compared with its
/// previous version, and how to get it. Looked up once per type.
/// </summary>
internal static class ModelTypes
{
    private static readonly ConcurrentDictionary<Type, (IReadOnlyCollection<Type> FactTypes, bool Equatable, Func<WorkspaceModels, object> Get)> Known = new();

    public static IReadOnlyCollection<Type> FactTypesOf(Type model) => Describe(model).FactTypes;

    public static bool IsEquatable(Type model) => Describe(model).Equatable;

    public static Func<WorkspaceModels, object> Getter(Type model) => Describe(model).Get;

    private static (IReadOnlyCollection<Type> FactTypes, bool Equatable, Func<WorkspaceModels, object> Get) Describe(Type model) =>
        Known.GetOrAdd(model, static type =>
        {
            if (!type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IWorkspaceModel<>)))
            {
                throw new ArgumentException($"{type.Name} is not a workspace model (IWorkspaceModel<{type.Name}>)", nameof(model));
            }

            var factTypes = (IReadOnlyCollection<Type>)type.GetProperty("FactTypes", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            var get = typeof(WorkspaceModels).GetMethods().Single(m => m.Name == nameof(WorkspaceModels.Get) && m.IsGenericMethodDefinition).MakeGenericMethod(type);
            var equatable = typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type);
            return (factTypes, equatable, models => get.Invoke(models, null)!);
        });
}
