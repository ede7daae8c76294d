using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

// Every report shows the median next to the mean: the targets are stated as medians.
var config = DefaultConfig.Instance.AddColumn(StatisticColumn.Median);
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
