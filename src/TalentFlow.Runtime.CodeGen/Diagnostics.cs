using Microsoft.CodeAnalysis;

namespace TalentFlow.Runtime.CodeGen
{
    /// <summary>The generator's diagnostics: every one is an error, since the runtime could not call such a method.</summary>
    internal static class Diagnostics
    {
        public static readonly DiagnosticDescriptor BadReturnType = Error("TFGEN001", "Grain methods return Task, Task<T>, ValueTask or ValueTask<T>",
            "Grain method '{0}' returns '{1}': grain methods return Task, Task<T>, ValueTask or ValueTask<T>");

        public static readonly DiagnosticDescriptor ByRefParameter = Error("TFGEN002", "Grain method parameters are passed by value",
            "Parameter '{0}' of grain method '{1}' is ref, out or in: grain calls pass arguments by value");

        public static readonly DiagnosticDescriptor GenericMethod = Error("TFGEN003", "Grain methods are not generic",
            "Grain method '{0}' is generic: the runtime cannot route generic methods");

        public static readonly DiagnosticDescriptor GenericInterface = Error("TFGEN004", "Grain interfaces are not generic",
            "Grain interface '{0}' is generic: declare a non-generic interface per type argument");

        public static readonly DiagnosticDescriptor NotAMethod = Error("TFGEN005", "Grain interfaces have only methods",
            "Grain interface '{0}' declares '{1}', which is not an instance method: properties, events and static abstract members cannot be called remotely");

        public static readonly DiagnosticDescriptor DuplicateKey = Error("TFGEN006", "Grain method keys must be unique",
            "Grain interface '{0}' has two methods with the key '{1}': rename one");

        public static readonly DiagnosticDescriptor Inaccessible = Error("TFGEN007", "Grain interfaces must be reachable from their assembly",
            "Grain interface '{0}' is private, protected or file-local: make it internal or public");

        public static readonly DiagnosticDescriptor UnsupportedParameterType = Error("TFGEN008", "Grain method parameters must be serializable",
            "Parameter '{0}' of grain method '{1}' has type '{2}', which cannot be stored in a request: use an ordinary type");

        public static readonly DiagnosticDescriptor InternalError = Error("TFGEN009", "The grain code generator failed",
            "The grain code generator failed on '{0}': {1}");

        public static DiagnosticDescriptor? ById(string id) => id switch
        {
            "TFGEN001" => BadReturnType,
            "TFGEN002" => ByRefParameter,
            "TFGEN003" => GenericMethod,
            "TFGEN004" => GenericInterface,
            "TFGEN005" => NotAMethod,
            "TFGEN006" => DuplicateKey,
            "TFGEN007" => Inaccessible,
            "TFGEN008" => UnsupportedParameterType,
            "TFGEN009" => InternalError,
            _ => null,
        };

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new(id, title, message, "TalentFlow.CodeGen", DiagnosticSeverity.Error, isEnabledByDefault: true);
    }
}
