using ReadinessLsp.Engine.Model.Projects;

namespace ReadinessLsp.Engine.Model.Requests;

/// <summary>
/// The request models, validators and range checks of each app: whether a bound type validates
/// anything, whether a validator exists for it, whether some code checks an amount's range, and
/// which types carry secrets (a password, a card number, an Identity user's hash) if logged whole.
/// </summary>
internal sealed class RequestModelIndex : IWorkspaceModel<RequestModelIndex>
{
    private readonly ProjectIndex _projects;
    private readonly Dictionary<string, List<(string Path, ModelTypeFact Type)>> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _validators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _rangeChecks = new(StringComparer.Ordinal);

    private RequestModelIndex(WorkspaceModels models)
    {
        _projects = models.Get<ProjectIndex>();
        foreach (var (path, bag) in models.Bags)
        {
            foreach (var type in bag.OfType<ModelTypeFact>())
            {
                Add(_types, type.Name, (path, type));
            }

            foreach (var validator in bag.OfType<ValidatorFact>())
            {
                Add(_validators, validator.Model, path);
            }

            foreach (var property in bag.OfType<RangeChecks>().SelectMany(c => c.Properties))
            {
                Add(_rangeChecks, property, path);
            }
        }
    }

    public static IReadOnlyCollection<Type> FactTypes { get; } = [typeof(ModelTypeFact), typeof(ValidatorFact), typeof(RangeChecks), .. ProjectIndex.FactTypes];

    public static RequestModelIndex Build(WorkspaceModels models) => new(models);

    /// <summary>The declaration of <paramref name="name"/> in the app of <paramref name="path"/>, or null when no parsed file of it declares one.</summary>
    public ModelTypeFact? Type(string path, string name) =>
        _types.TryGetValue(name, out var types) ? types.Where(t => _projects.SameApp(t.Path, path)).Select(t => t.Type).FirstOrDefault() : null;

    /// <summary>Whether a FluentValidation validator for <paramref name="model"/> exists in the app.</summary>
    public bool HasValidator(string path, string model) =>
        _validators.TryGetValue(model, out var files) && files.Any(f => _projects.SameApp(f, path));

    /// <summary>Whether some code of the app compares <paramref name="property"/> with a bound.</summary>
    public bool RangeChecked(string path, string property) =>
        _rangeChecks.TryGetValue(property, out var files) && files.Any(f => _projects.SameApp(f, path));

    /// <summary>
    /// The secrets a whole <paramref name="name"/> would write to a log (its properties named like
    /// passwords, tokens or card data; an Identity user's password hash and security stamp), and
    /// whether it is a record, whose generated <c>ToString()</c> prints every property.
    /// </summary>
    public (IReadOnlyList<string> Secrets, bool IsRecord)? SecretsOf(string path, string name)
    {
        if (Type(path, name) is not { } type)
        {
            return null;
        }

        var secrets = type.Properties.Where(p => SensitiveNames.KindOf(p.Name) is not null).Select(p => p.Name).ToList();
        if (type.Bases.Any(b => b.StartsWith("IdentityUser", StringComparison.Ordinal)))
        {
            secrets.AddRange(["PasswordHash", "SecurityStamp"]);
        }

        return secrets.Count > 0 ? (secrets, type.IsRecord) : null;
    }

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }
}
