namespace ReadinessLsp.Engine.Model;

/// <summary>
/// A named view over the workspace's facts that rules ask cross-file questions of ("which project
/// is this file in?", "is there a unique index on User.Email?"). Built once per workspace state
/// from the facts of the types it declares, and carried over to the next state when no changed
/// file held facts of those types, so an edit in a controller does not rebuild the EF model.
/// </summary>
/// <remarks>
/// A model that implements <see cref="IEquatable{T}"/> is compared with its previous version when
/// its facts change: when equal, nothing that reads it is re-resolved. Worth doing for small models
/// that most rules read (the project model, the development-only methods).
/// </remarks>
internal interface IWorkspaceModel<TSelf>
    where TSelf : class, IWorkspaceModel<TSelf>
{
    /// <summary>Every fact type the model is built from, including those of the models it reads.</summary>
    static abstract IReadOnlyCollection<Type> FactTypes { get; }

    static abstract TSelf Build(WorkspaceModels models);
}
