using System.Diagnostics.CodeAnalysis;

[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:PersonalizedLearning.Interop.Case",
    Justification = "The standard is called CASE and the issue names the namespace Interop.Case; Visual Basic callers write [Case].")]
