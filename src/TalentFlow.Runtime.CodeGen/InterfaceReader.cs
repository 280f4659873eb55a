using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace TalentFlow.Runtime.CodeGen
{
    /// <summary>Turns a grain interface symbol into the equatable model the emitter writes from.</summary>
    internal static class InterfaceReader
    {
        public const string GrainMetadataName = "TalentFlow.Runtime.IGrain";

        private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        public static bool IsGrainInterface(INamedTypeSymbol type, INamedTypeSymbol grain) =>
            type.TypeKind == TypeKind.Interface && !SymbolEqualityComparer.Default.Equals(type, grain)
            && type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, grain));

        /// <summary>Reads an interface; a failure becomes a TFGEN009 diagnostic instead of an exception.</summary>
        public static InterfaceModel Read(INamedTypeSymbol type, INamedTypeSymbol grain)
        {
            try
            {
                return ReadCore(type, grain);
            }
            catch (System.Exception e) when (e is not System.OperationCanceledException)
            {
                var diagnostic = At(Diagnostics.InternalError, type, type.ToDisplayString(), e.GetType().Name + ": " + e.Message);
                return new InterfaceModel(type.ToDisplayString(TypeFormat), type.ToDisplayString(), Safe(type.ToDisplayString()),
                    default, new EquatableArray<DiagnosticModel>(ImmutableArray.Create(diagnostic)));
            }
        }

        private static InterfaceModel ReadCore(INamedTypeSymbol type, INamedTypeSymbol grain)
        {
            var diagnostics = ImmutableArray.CreateBuilder<DiagnosticModel>();
            string fullName = type.ToDisplayString(TypeFormat);
            bool generic = false;
            for (var g = type; g is not null; g = g.ContainingType) generic |= g.IsGenericType;
            if (generic) diagnostics.Add(At(Diagnostics.GenericInterface, type, fullName));
            for (var t = type; t is not null; t = t.ContainingType)
            {
                if (t.IsFileLocal || t.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
                {
                    diagnostics.Add(At(Diagnostics.Inaccessible, type, fullName));
                    break;
                }
            }

            var declaring = new List<INamedTypeSymbol> { type };
            declaring.AddRange(type.AllInterfaces.Where(i => !SymbolEqualityComparer.Default.Equals(i, grain) && i.AllInterfaces.Contains(grain, SymbolEqualityComparer.Default)));
            var methods = new List<(IMethodSymbol Method, INamedTypeSymbol Declaring)>();
            foreach (var iface in declaring)
            {
                foreach (var member in iface.GetMembers())
                {
                    if (member.IsStatic)
                    {
                        // A proxy cannot implement static abstract members; other statics are helpers the proxy never sees.
                        if ((member.IsAbstract || member.IsVirtual) && member is IMethodSymbol { MethodKind: MethodKind.Ordinary } or IPropertySymbol or IEventSymbol)
                        {
                            diagnostics.Add(At(Diagnostics.NotAMethod, member, fullName, member.Name));
                        }
                        continue;
                    }
                    if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method) methods.Add((method, iface));
                    else if (member is IPropertySymbol or IEventSymbol) diagnostics.Add(At(Diagnostics.NotAMethod, member, fullName, member.Name));
                }
            }

            var nameCounts = methods.GroupBy(m => m.Method.Name).ToDictionary(g => g.Key, g => g.Count());
            var models = ImmutableArray.CreateBuilder<MethodModel>();
            var keys = new HashSet<string>();
            foreach (var (method, iface) in methods)
            {
                var model = ReadMethod(method, iface, nameCounts[method.Name] > 1, diagnostics);
                if (model is null) continue;
                if (!keys.Add(model.Key))
                {
                    diagnostics.Add(At(Diagnostics.DuplicateKey, method, fullName, model.Key));
                    continue;
                }
                models.Add(model);
            }

            string durableName = type.GetAttributes()
                .FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "TalentFlow.Runtime.GrainInterfaceNameAttribute")
                ?.ConstructorArguments.FirstOrDefault().Value as string ?? type.ToDisplayString();
            return new InterfaceModel(fullName, durableName, Safe(type.ToDisplayString()), new EquatableArray<MethodModel>(models.ToImmutable()),
                new EquatableArray<DiagnosticModel>(diagnostics.ToImmutable()));
        }

        private static MethodModel? ReadMethod(IMethodSymbol method, INamedTypeSymbol declaring, bool overloaded, ImmutableArray<DiagnosticModel>.Builder diagnostics)
        {
            bool ok = true;
            if (method.IsGenericMethod)
            {
                diagnostics.Add(At(Diagnostics.GenericMethod, method, method.Name));
                ok = false;
            }
            var returnType = method.ReturnType as INamedTypeSymbol;
            string? definition = returnType?.ConstructedFrom.ToDisplayString();
            ReturnKind kind;
            string? result = null;
            switch (definition)
            {
                case "System.Threading.Tasks.Task":
                    kind = ReturnKind.Task;
                    break;
                case "System.Threading.Tasks.Task<TResult>":
                    kind = ReturnKind.TaskOfT;
                    result = returnType!.TypeArguments[0].ToDisplayString(TypeFormat);
                    break;
                case "System.Threading.Tasks.ValueTask":
                    kind = ReturnKind.ValueTask;
                    break;
                case "System.Threading.Tasks.ValueTask<TResult>":
                    kind = ReturnKind.ValueTaskOfT;
                    result = returnType!.TypeArguments[0].ToDisplayString(TypeFormat);
                    break;
                default:
                    if (method.ReturnType.TypeKind == TypeKind.Error) return null; // the compiler reports it
                    diagnostics.Add(At(Diagnostics.BadReturnType, method, method.Name, method.ReturnType.ToDisplayString()));
                    return null;
            }
            var parameters = ImmutableArray.CreateBuilder<ParameterModel>();
            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind != RefKind.None)
                {
                    diagnostics.Add(At(Diagnostics.ByRefParameter, parameter, parameter.Name, method.Name));
                    ok = false;
                }
                if (parameter.Type.IsRefLikeType || parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
                {
                    diagnostics.Add(At(Diagnostics.UnsupportedParameterType, parameter, parameter.Name, method.Name, parameter.Type.ToDisplayString()));
                    ok = false;
                }
                bool isToken = parameter.Type.ToDisplayString() == "System.Threading.CancellationToken";
                parameters.Add(new ParameterModel(parameter.Name, parameter.Type.ToDisplayString(TypeFormat), isToken,
                    NullabilityAttributes(parameter.GetAttributes(), "")));
            }
            if (!ok) return null;
            int valueParameters = parameters.Count(p => !p.IsCancellationToken);
            string key = overloaded ? method.Name + "`" + valueParameters.ToString(System.Globalization.CultureInfo.InvariantCulture) : method.Name;
            int options = 0;
            foreach (var attribute in method.GetAttributes())
            {
                string? name = attribute.AttributeClass?.ToDisplayString();
                if (name == "TalentFlow.Runtime.ReadOnlyAttribute") options |= 1;
                else if (name == "TalentFlow.Runtime.AlwaysInterleaveAttribute") options |= 2;
            }
            return new MethodModel(method.Name, key, declaring.ToDisplayString(TypeFormat), kind, result,
                method.ReturnType.ToDisplayString(TypeFormat), options, new EquatableArray<ParameterModel>(parameters.ToImmutable()),
                NullabilityAttributes(method.GetReturnTypeAttributes(), "return: "));
        }

        private static DiagnosticModel At(DiagnosticDescriptor descriptor, ISymbol symbol, params object[] args)
        {
            var location = symbol.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None;
            var lineSpan = location.GetLineSpan();
            return new DiagnosticModel(descriptor.Id, string.Join("\u001f", args.Select(a => a?.ToString() ?? "")),
                location.SourceTree?.FilePath, location.SourceSpan, lineSpan.Span);
        }

        /// <summary>System.Diagnostics.CodeAnalysis attributes, written so an explicit implementation matches the interface.</summary>
        private static string NullabilityAttributes(ImmutableArray<AttributeData> attributes, string target)
        {
            var builder = new StringBuilder();
            foreach (var attribute in attributes)
            {
                if (attribute.AttributeClass is not { } type || type.ContainingNamespace?.ToDisplayString() != "System.Diagnostics.CodeAnalysis") continue;
                builder.Append('[').Append(target).Append(type.ToDisplayString(TypeFormat));
                if (attribute.ConstructorArguments.Length > 0)
                {
                    builder.Append('(').Append(string.Join(", ", attribute.ConstructorArguments.Select(a => Microsoft.CodeAnalysis.CSharp.TypedConstantExtensions.ToCSharpString(a)))).Append(')');
                }
                builder.Append("] ");
            }
            return builder.ToString();
        }

        public static string Safe(string name)
        {
            var builder = new StringBuilder(name.Length);
            foreach (char c in name) builder.Append(char.IsLetterOrDigit(c) ? c : '_');
            return builder.ToString();
        }
    }
}
