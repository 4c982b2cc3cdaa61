/// Why a read or star mark was not saved as asked.
public enum MarksProblem: Error, Equatable, Sendable {
    /// The saved marks were damaged (the store set the file aside); every mark the reader
    /// holds was saved again.
    case damagedAndSavedAgain(FailureReason)
    case notSaved(FailureReason)

    var sentence: String {
        switch self {
        case .damagedAndSavedAgain(let reason): "\(reason); your read and starred marks were saved again"
        case .notSaved(let reason): "Could not save reading state: \(reason)"
        }
    }
}
