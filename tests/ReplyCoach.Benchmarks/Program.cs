using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using ReplyCoach.Benchmarks.Scale;

// "scale": the audit store's scale measurement (a million records on each engine), not a BenchmarkDotNet run.
if (args.Length > 0 && args[0] == "scale")
{
    return await AuditScaleRun.RunAsync(args);
}

// Every report shows the median next to the mean: the targets are stated as medians.
var config = DefaultConfig.Instance.AddColumn(StatisticColumn.Median);
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;
