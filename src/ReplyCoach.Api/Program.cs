using ReplyCoach.Api.Features.Account;
using ReplyCoach.Api.Features.Addin;
using ReplyCoach.Api.Features.Audit;
using ReplyCoach.Api.Features.Drafts;
using ReplyCoach.Api.Features.SendCheck;
using ReplyCoach.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddReplyCoachService();
builder.AddReplyCoachProblemDetails();
builder.AddReplyCoachEngine();
builder.AddReplyCoachAuth();
builder.AddReplyCoachRateLimits();
builder.AddReplyCoachCors();
builder.AddAudit();
builder.AddGraphIntegration();
builder.Services.AddOpenApi();

var app = builder.Build();

app.EnsureSafeDevelopmentMode();
app.UseReplyCoachProblemDetails();
app.UseReplyCoachStaticFiles();
app.UseRouting();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapOpenApi().AllowAnonymous();
app.MapReplyCoachHealth();
app.MapAddinEndpoints();
app.MapGroup("/api/v1")
    .RequireCors(ServiceSetup.CorsPolicy)
    .RequireRateLimiting(ServiceSetup.RateLimitPolicy)
    .MapDraftEndpoints()
    .MapSendCheckEndpoints()
    .MapAccountEndpoints();
app.MapAudit();
app.MapDrafts();

app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
