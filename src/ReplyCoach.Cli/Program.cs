using System.CommandLine;
using ReplyCoach.Cli;
using ReplyCoach.Cli.Commands;

var root = new RootCommand("ReplyCoach: checks a support reply for hostile tone, says which words and why, and suggests gentler wording.")
{
    ScoreCommand.Create(),
    CoachCommand.Create(),
    RewriteCommand.Create(),
    TrainCommand.Create(),
    EvalCommand.Create(),
    ManifestCommand.Create(),
    AuditCommand.Create(),
    SweepCommand.Create(),
};

return await CliRunner.RunAsync(root, args);
