using QuantLayer.BuildGuard.Cli;

return CliApplication.Run(args, Console.Out, Console.Error);
