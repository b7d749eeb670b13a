using System.Diagnostics.CodeAnalysis;

[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:PersonalizedLearning.Tests.Interop.Case",
    Justification = "Mirrors the library's PersonalizedLearning.Interop.Case (the standard is called CASE).")]
