import Foundation

/// Answers recorded from a real Tiny Tiny RSS 21 (Debian's package, API level 15) with
/// curl, against the server `Scripts/ttrss-server.sh` starts: `Recorded/<name>.json`.
enum Recorded {
    static func answer(_ name: String) throws -> Data {
        let file = name.contains(".") ? name : name + ".json"
        guard let url = Bundle.module.url(forResource: "Recorded/" + file, withExtension: nil) else {
            throw RecordedMissing(name: file)
        }
        return try Data(contentsOf: url)
    }

    struct RecordedMissing: Error { var name: String }
}
