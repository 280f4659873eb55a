using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace TalentFlow.Silo.Hosting;

/// <summary>
/// A silo whose configuration is wrong stops with one line on stderr and exit code 1, not an unhandled exception (exit 134):
/// <c>talentflow-silo: configuration error: Auth:AdminKey: the key is shorter than 24 characters (set Auth__AdminKey)</c>.
/// The handler sees only exceptions nothing caught: under <c>WebApplicationFactory</c>, <c>HostFactoryResolver</c> runs
/// <c>Program</c> on a thread of its own, catches what it throws and hands it to the factory, where tests expect it as it is;
/// and it acts only when <c>Program</c> is the process's entry point.
/// </summary>
internal static partial class StartupErrors
{
    /// <summary>What a configuration error's line starts with.</summary>
    public const string Prefix = "talentflow-silo: configuration error: ";

    /// <summary>Whether <c>Program</c> runs as the process's entry point (<c>dotnet TalentFlow.Silo.dll</c>), not inside a test host.</summary>
    public static bool IsProcessEntryPoint => Assembly.GetEntryAssembly() == typeof(StartupErrors).Assembly;

    /// <summary>Makes an unhandled configuration error print <see cref="Describe"/>'s line on stderr and exit with code 1.</summary>
    public static void ExitOnConfigurationError() => AppDomain.CurrentDomain.UnhandledException += (_, e) =>
    {
        if (!IsProcessEntryPoint || e.ExceptionObject is not Exception error || Describe(error) is not { } line) return;
        Console.Error.WriteLine(line);
        Console.Error.Flush();
        Environment.Exit(1);
    };

    /// <summary>
    /// Checks, before Orleans or Kestrel starts, what start would check later with a half-started host and stack traces in
    /// its logs: the connection string, every option registered with <c>ValidateOnStart</c>, and Orleans' own validators.
    /// </summary>
    public static void Validate(IServiceProvider services, IConfiguration configuration)
    {
        if (configuration.GetConnectionString("TalentFlow") is { Length: > 0 } connectionString)
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(connectionString);
            }
            catch (ArgumentException e)
            {
                // The message names the keyword or position at fault, never the value (it may hold a password).
                throw new OptionsValidationException("ConnectionStrings", typeof(NpgsqlConnectionStringBuilder),
                    [$"ConnectionStrings:TalentFlow is not a PostgreSQL connection string: {e.Message}"]);
            }
        }
        services.GetService<IStartupValidator>()?.Validate();
        foreach (var validator in services.GetServices<IConfigurationValidator>()) validator.ValidateConfiguration();
    }

    /// <summary>The one line for a configuration error, or null when <paramref name="error"/> is not one (it then propagates as it is).</summary>
    public static string? Describe(Exception error)
    {
        var problems = new List<string>();
        foreach (var e in error is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [error])
        {
            switch (e)
            {
                case OptionsValidationException options:
                    problems.AddRange(options.Failures.Select(f => Failure(f, options.OptionsType)));
                    break;
                case OrleansConfigurationException orleans:
                    problems.Add(OrleansHelp().Replace(orleans.Message, "").Trim());
                    break;
                case InvalidOperationException binding when binding.TargetSite?.DeclaringType?.Assembly == typeof(ConfigurationBinder).Assembly:
                    problems.Add(BindingFailure().Match(binding.Message) is { Success: true } m
                        ? WithSetting($"{m.Groups["key"].Value}: '{m.Groups["value"].Value}' is not a valid {m.Groups["type"].Value.Replace("System.", "", StringComparison.Ordinal)}")
                        : binding.Message);
                    break;
                default:
                    return null;
            }
        }
        return problems.Count == 0 ? null : Prefix + string.Join("; ", problems).ReplaceLineEndings(" ");
    }

    /// <summary>A validator's failure with the setting to change; a data annotation's named by its configuration path.</summary>
    private static string Failure(string failure, Type optionsType)
    {
        if (DataAnnotationFailure().Match(failure) is { Success: true } m)
        {
            string section = optionsType.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
                ?? (optionsType.Name.EndsWith("Options", StringComparison.Ordinal) ? optionsType.Name[..^"Options".Length] : optionsType.Name);
            failure = $"{section}:{m.Groups["member"].Value}: {m.Groups["error"].Value}";
        }
        return WithSetting(failure);
    }

    /// <summary>Appends <c>(set Section__Key)</c>, the environment variable, when the problem starts with a setting's path.</summary>
    private static string WithSetting(string problem)
    {
        problem = problem.Trim().TrimEnd('.');
        var m = SettingPath().Match(problem);
        return m.Success && !char.IsAsciiDigit(m.Value[^1]) ? $"{problem} (set {m.Value.Replace(":", "__", StringComparison.Ordinal)})" : problem;
    }

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*(:[A-Za-z0-9_]+)+")]
    private static partial Regex SettingPath();

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '(?<member>[^',]*)[^']*' with the error: '(?<error>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    [GeneratedRegex(@"value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex BindingFailure();

    [GeneratedRegex(@"\s*See https://\S+ for more information\.?")]
    private static partial Regex OrleansHelp();
}
