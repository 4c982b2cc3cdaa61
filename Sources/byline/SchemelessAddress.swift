/// A web address typed without a scheme (`example.org/feed`): tried as https, then http,
/// saying so on standard error, as a browser's address bar would try them.
enum SchemelessAddress {
    /// The addresses to try in order: the address alone when it has a scheme.
    static func candidates(_ typed: String) -> [String] {
        if typed.contains("://") { return [typed] }
        let bare = typed.hasPrefix("//") ? String(typed.dropFirst(2)) : typed
        return ["https://" + bare, "http://" + bare]
    }

    /// Runs `attempt` on each candidate until one succeeds; reports each step for a
    /// schemeless address, and returns the last failure when all fail.
    static func first<Success, Failure: Error>(
        _ typed: String, _ attempt: (String) -> Result<Success, Failure>
    ) -> (address: String, result: Result<Success, Failure>) {
        let addresses = candidates(typed)
        if addresses.count > 1 { warn("byline: \(typed) has no scheme: trying \(addresses[0])") }
        var last: (String, Result<Success, Failure>)?
        for (index, address) in addresses.enumerated() {
            let result = attempt(address)
            if case .success = result { return (address, result) }
            if case .failure(let failure) = result, index + 1 < addresses.count {
                warn("byline: \(address): \(failure); trying \(addresses[index + 1])")
            }
            last = (address, result)
        }
        // `candidates` is never empty.
        return last ?? (typed, attempt(typed))
    }
}
