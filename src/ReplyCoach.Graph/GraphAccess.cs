namespace ReplyCoach.Graph;

/// <summary>
/// Whose mailbox a call reads or changes, and with which identity: the app's own (sweeps, or
/// <see cref="DelegatedAccessMode.Application"/>) or the signed-in agent's, by exchanging their validated token
/// (on-behalf-of). Calls always address <c>/users/{mailbox}</c>, which for a delegated token is the agent's own mailbox.
/// </summary>
public sealed class GraphAccess : IEquatable<GraphAccess>
{
    private GraphAccess(string mailbox, string? userAssertion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        Mailbox = mailbox.Trim();
        UserAssertion = userAssertion;
    }

    /// <summary>The mailbox: a user's object id or UPN.</summary>
    public string Mailbox { get; }

    /// <summary>The agent's access token for on-behalf-of; null for app-only. Never logged or printed.</summary>
    internal string? UserAssertion { get; }

    /// <summary>Whether the call acts for a signed-in user.</summary>
    public bool IsDelegated => UserAssertion is not null;

    /// <summary>App-only access to a mailbox (application permissions).</summary>
    public static GraphAccess App(string mailbox) => new(mailbox, null);

    /// <summary>Access as the signed-in user, exchanging their validated token for a Graph token.</summary>
    /// <param name="userId">The user's object id (the token's <c>oid</c>).</param>
    /// <param name="userAssertion">The user's access token to ReplyCoach, exactly as received.</param>
    public static GraphAccess OnBehalfOf(string userId, string userAssertion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userAssertion);
        return new(userId, userAssertion);
    }

    /// <inheritdoc />
    public override string ToString() => IsDelegated ? $"{Mailbox} (on behalf of the user)" : $"{Mailbox} (app-only)";

    /// <inheritdoc />
    public bool Equals(GraphAccess? other) =>
        other is not null && string.Equals(Mailbox, other.Mailbox, StringComparison.OrdinalIgnoreCase) && string.Equals(UserAssertion, other.UserAssertion, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as GraphAccess);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Mailbox);
}

/// <summary>Whether Graph features are on, for hosts that need to say so (endpoints, commands, health).</summary>
public sealed class GraphFeature(bool isEnabled)
{
    /// <summary>The sentence every "off" answer uses.</summary>
    public const string NotConfiguredDetail =
        "Microsoft Graph is not configured: set ReplyCoach:Graph:TenantId, ClientId and a credential (see the README's Microsoft Graph section).";

    /// <summary>Whether a tenant is configured.</summary>
    public bool IsEnabled { get; } = isEnabled;
}
