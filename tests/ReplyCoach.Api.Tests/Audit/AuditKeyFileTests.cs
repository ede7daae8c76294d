using System.Net;

namespace ReplyCoach.Api.Tests.Audit;

/// <summary>The generated id-hash key (<c>audit-hash.key</c>) is only written by a service whose configuration is valid.</summary>
[TestFixture]
public sealed class AuditKeyFileTests
{
    [Test]
    public void Start_InvalidConfiguration_WritesNoKeyFile()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["ReplyCoach:Auth:TenantId"] = "",
            ["ReplyCoach:Auth:ClientId"] = "",
        });

        Assert.Catch(() => factory.CreateClient());

        Assert.That(Path.Combine(factory.DataFolder!, "audit-hash.key"), Does.Not.Exist);
    }

    [Test]
    public async Task Assess_FlaggedDraftWithConversationId_WritesTheKeyFile()
    {
        await using var factory = new ApiFactory();
        var keyFile = Path.Combine(factory.DataFolder!, "audit-hash.key");
        var client = factory.Client(TestTokens.Agent());
        Assert.That(keyFile, Does.Not.Exist, "not before the first record");

        // The key is needed (and made) when the first id is hashed.
        using var response = await client.PostAsync("/api/v1/assess", Drafts.Json(new { draft = Drafts.Hostile, conversationId = "AAQkADAwATM0MDAAMS1iNzQ" }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(keyFile, Does.Exist);
    }
}
