using System;

namespace TalentFlow.Runtime.CodeGen
{
    internal enum ReturnKind
    {
        Task,
        TaskOfT,
        ValueTask,
        ValueTaskOfT,
    }

    internal sealed class ParameterModel : IEquatable<ParameterModel>
    {
        public ParameterModel(string name, string type, bool isCancellationToken, string attributes)
        {
            Name = name;
            Type = type;
            IsCancellationToken = isCancellationToken;
            Attributes = attributes;
        }

        /// <summary>Nullability attributes to repeat on the proxy's implementation, e.g. "[global::...AllowNull] ".</summary>
        public string Attributes { get; }

        public string Name { get; }

        public string Type { get; }

        public bool IsCancellationToken { get; }

        public bool Equals(ParameterModel? other) =>
            other is not null && Name == other.Name && Type == other.Type && IsCancellationToken == other.IsCancellationToken
            && Attributes == other.Attributes;

        public override bool Equals(object? obj) => Equals(obj as ParameterModel);

        public override int GetHashCode() => (Name, Type, IsCancellationToken).GetHashCode();
    }

    internal sealed class MethodModel : IEquatable<MethodModel>
    {
        public MethodModel(string name, string key, string declaringInterface, ReturnKind returnKind, string? resultType, string returnType, int options, EquatableArray<ParameterModel> parameters, string returnAttributes)
        {
            ReturnAttributes = returnAttributes;
            Name = name;
            Key = key;
            DeclaringInterface = declaringInterface;
            ReturnKind = returnKind;
            ResultType = resultType;
            ReturnType = returnType;
            Options = options;
            Parameters = parameters;
        }

        public string Name { get; }

        /// <summary>The method key on the wire: the name, or Name`N when overloaded.</summary>
        public string Key { get; }

        public string DeclaringInterface { get; }

        public ReturnKind ReturnKind { get; }

        /// <summary>T of Task&lt;T&gt;/ValueTask&lt;T&gt;; null for none.</summary>
        public string? ResultType { get; }

        public string ReturnType { get; }

        /// <summary>Nullability attributes of the return value, e.g. "[return: global::...NotNull] ".</summary>
        public string ReturnAttributes { get; }

        /// <summary>GrainMethodOptions flags: 1 ReadOnly, 2 AlwaysInterleave.</summary>
        public int Options { get; }

        public EquatableArray<ParameterModel> Parameters { get; }

        public bool Equals(MethodModel? other) =>
            other is not null && Name == other.Name && Key == other.Key && DeclaringInterface == other.DeclaringInterface
            && ReturnKind == other.ReturnKind && ResultType == other.ResultType && ReturnType == other.ReturnType
            && Options == other.Options && Parameters.Equals(other.Parameters) && ReturnAttributes == other.ReturnAttributes;

        public override bool Equals(object? obj) => Equals(obj as MethodModel);

        public override int GetHashCode() => (Name, Key, DeclaringInterface, ReturnKind, Options).GetHashCode();
    }

    internal sealed class DiagnosticModel : IEquatable<DiagnosticModel>
    {
        public DiagnosticModel(string id, string message, string? path, Microsoft.CodeAnalysis.Text.TextSpan span, Microsoft.CodeAnalysis.Text.LinePositionSpan lineSpan)
        {
            Id = id;
            Message = message;
            Path = path;
            Span = span;
            LineSpan = lineSpan;
        }

        public string Id { get; }

        public string Message { get; }

        public string? Path { get; }

        public Microsoft.CodeAnalysis.Text.TextSpan Span { get; }

        public Microsoft.CodeAnalysis.Text.LinePositionSpan LineSpan { get; }

        public bool Equals(DiagnosticModel? other) =>
            other is not null && Id == other.Id && Message == other.Message && Path == other.Path && Span == other.Span;

        public override bool Equals(object? obj) => Equals(obj as DiagnosticModel);

        public override int GetHashCode() => (Id, Message, Path, Span).GetHashCode();
    }

    internal sealed class InterfaceModel : IEquatable<InterfaceModel>
    {
        public InterfaceModel(string fullName, string durableName, string safeName, EquatableArray<MethodModel> methods, EquatableArray<DiagnosticModel> diagnostics)
        {
            FullName = fullName;
            DurableName = durableName;
            SafeName = safeName;
            Methods = methods;
            Diagnostics = diagnostics;
        }

        /// <summary>global::-qualified name.</summary>
        public string FullName { get; }

        public string DurableName { get; }

        /// <summary>An identifier made from the full name, for generated type names.</summary>
        public string SafeName { get; }

        public EquatableArray<MethodModel> Methods { get; }

        public EquatableArray<DiagnosticModel> Diagnostics { get; }

        public bool Equals(InterfaceModel? other) =>
            other is not null && FullName == other.FullName && DurableName == other.DurableName && Methods.Equals(other.Methods)
            && Diagnostics.Equals(other.Diagnostics);

        public override bool Equals(object? obj) => Equals(obj as InterfaceModel);

        public override int GetHashCode() => (FullName, DurableName).GetHashCode();
    }
}
