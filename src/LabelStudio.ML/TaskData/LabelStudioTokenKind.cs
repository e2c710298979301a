namespace LabelStudio.ML;

/// <summary>The kind of credential in <c>LABEL_STUDIO_API_KEY</c>, detected from its form (SPEC §3.2).</summary>
internal enum LabelStudioTokenKind
{
    /// <summary>An opaque legacy token, sent as <c>Authorization: Token …</c>; it never expires.</summary>
    Legacy,

    /// <summary>A personal access token: a JWT refresh token, exchanged at <c>/api/token/refresh/</c> for access tokens.</summary>
    PersonalAccess,

    /// <summary>A JWT access token put in the variable directly: sent as <c>Bearer …</c> until it expires.</summary>
    Access,
}
