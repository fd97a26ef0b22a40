using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.AppConfig;

/// <summary>
/// A configuration read found in code: the key, the literal naming it, whether the code has a
/// fallback, the shape the code expects, the keys the code tries first (<c>a ?? b</c>: reading
/// <c>b</c> prefers <c>a</c>), whether the code only asks if the key is set
/// (<see cref="PresenceOnly"/>), and whether a missing value throws right there (<see cref="FailsFast"/>).
/// </summary>
internal sealed record ConfigReadSite(
    string Key,
    TextSpan LiteralSpan,
    ConfigReadKind Kind,
    bool HasDefault,
    ConfigShape Shape,
    EquatableArray<string> Preferred,
    bool PresenceOnly = false,
    bool FailsFast = false);

/// <summary>
/// What the code expects to find under a key, so a fix that defines the key writes something the
/// code can read: a string, a number, a boolean, a list, an object, or a type the tool cannot write
/// a neutral value for (a <c>TimeSpan</c>, an enum).
/// </summary>
internal enum ConfigShape
{
    Text,
    Number,
    Boolean,
    List,
    Object,
    Other,
}
