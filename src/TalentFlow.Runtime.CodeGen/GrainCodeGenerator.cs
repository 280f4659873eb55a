using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace TalentFlow.Runtime.CodeGen
{
    /// <summary>
    /// Writes a typed proxy and one request class per method for every grain interface of the compilation, and an
    /// assembly-level provider through which the runtime finds them (Orleans' code generator, in spirit).
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class GrainCodeGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var interfaces = context.SyntaxProvider.CreateSyntaxProvider(
                    static (node, _) => node is InterfaceDeclarationSyntax { BaseList: not null },
                    static (ctx, _) =>
                    {
                        var grain = ctx.SemanticModel.Compilation.GetTypeByMetadataName(InterfaceReader.GrainMetadataName);
                        if (grain is null || ctx.SemanticModel.GetDeclaredSymbol(ctx.Node) is not INamedTypeSymbol type) return null;
                        return InterfaceReader.IsGrainInterface(type, grain) ? InterfaceReader.Read(type, grain) : null;
                    })
                .Where(static m => m is not null)
                .Select(static (m, _) => m!);

            var assemblyName = context.CompilationProvider.Select(static (c, _) => c.AssemblyName ?? "Assembly");
            var all = interfaces.Collect().Combine(assemblyName);

            context.RegisterSourceOutput(all, static (spc, input) =>
            {
                try
                {
                    Emit(spc, input.Left, input.Right);
                }
                catch (System.Exception e) when (e is not System.OperationCanceledException)
                {
                    spc.ReportDiagnostic(Diagnostic.Create(Diagnostics.InternalError, Location.None, input.Right, e.GetType().Name + ": " + e.Message));
                }
            });
        }

        private static void Emit(SourceProductionContext spc, ImmutableArray<InterfaceModel> models, string assembly)
        {
            string segment = InterfaceReader.Safe(assembly);
            string ns = "TalentFlow.Generated." + (segment.Length == 0 || char.IsDigit(segment[0]) ? "_" + segment : segment);
            var emitted = new List<InterfaceModel>();
            var seen = new HashSet<string>();
            foreach (var model in models)
            {
                if (!seen.Add(model.FullName)) continue; // partial interfaces: one declaration is enough
                foreach (var d in model.Diagnostics) spc.ReportDiagnostic(ToDiagnostic(d));
                if (model.Diagnostics.Length > 0) continue;
                spc.AddSource(model.SafeName + ".g.cs", SourceText.From(Emitter.EmitInterface(model, ns), System.Text.Encoding.UTF8));
                emitted.Add(model);
            }
            if (emitted.Count > 0)
            {
                spc.AddSource("GrainMetadataProvider.g.cs", SourceText.From(Emitter.EmitProvider(emitted, ns), System.Text.Encoding.UTF8));
            }
        }

        private static Diagnostic ToDiagnostic(DiagnosticModel model)
        {
            var descriptor = Diagnostics.ById(model.Id)!;
            var location = model.Path is null ? Location.None : Location.Create(model.Path, model.Span, model.LineSpan);
            return Diagnostic.Create(descriptor, location, model.Message.Split('\u001f').Cast<object>().ToArray());
        }
    }
}
