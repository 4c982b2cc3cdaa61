/// Why a bookkeeping file (the index, the reading state) cannot be used as it is.
struct Damage: Error, Equatable {
    let reason: String
}
