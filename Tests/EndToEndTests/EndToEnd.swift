import Testing

/// Every end-to-end test, run one at a time.
///
/// Each test starts the real program in its own terminal; several at once on a loaded
/// two-core machine only make every screen slower to appear, so the suites are nested
/// here and serialized together.
@Suite(.serialized)
struct EndToEnd {
    /// Why a terminal test is skipped, checked once for every suite that needs tmux.
    static let needsTmux = ConditionTrait.enabled(
        if: Reader.canRunInTmux,
        "needs tmux on PATH and the byline binary next to the test bundle (run `swift test`, which builds it)")

    /// Why a test that runs the binary without a terminal is skipped.
    static let needsBinary = ConditionTrait.enabled(
        if: Reader.binary != nil,
        "needs the byline binary next to the test bundle (run `swift test`, which builds it)")
}
