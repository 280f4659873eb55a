using TalentFlow.Cli;
using TalentFlow.Cli.Hosting;

return await CliApp.RunAsync(args, CliEnvironment.FromConsole()).ConfigureAwait(false);
