import Glibc

/// libFuzzer's entry point for programs with a main of their own. SwiftPM links each
/// executable with its main renamed and `main` defined to it, so libFuzzer's own main is
/// never linked: each target's main.swift hands its test to this driver instead.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ test: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// Runs libFuzzer with the program's arguments (`-max_total_time=`, `-timeout=`, corpus
/// folders), calling `test` with each input; returns only by exiting.
public func runFuzzer(_ test: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, test))
}
