namespace ReplyCoach.Api.Hosting;

/// <summary>The app roles defined on the ReplyCoach app registration, and the policies built on them.</summary>
internal static class Roles
{
    public const string Agent = "ReplyCoach.Agent";
    public const string Lead = "ReplyCoach.Lead";

    /// <summary>Policy: a support agent or a team lead (leads write replies too).</summary>
    public const string AgentPolicy = "agent";

    /// <summary>Policy: a team lead.</summary>
    public const string LeadPolicy = "lead";
}
