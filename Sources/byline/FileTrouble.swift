import Foundation

/// Why a file could not be read, in plain words ("no such file", "permission denied"),
/// instead of Foundation's "The operation could not be completed".
enum FileTrouble {
    static func reason(_ error: Error, path: String) -> String {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if !manager.fileExists(atPath: path, isDirectory: &isFolder) {
            let parent = (path as NSString).deletingLastPathComponent
            return parent.isEmpty || manager.fileExists(atPath: parent) ? "no such file" : "no such file (the folder \(parent) does not exist either)"
        }
        if isFolder.boolValue { return "is a folder, not a file" }
        if !manager.isReadableFile(atPath: path) { return "permission denied" }
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying?.domain == NSPOSIXErrorDomain ? underlying?.code : nil,
           let message = strerror(Int32(code)) {
            return String(cString: message).lowercased()
        }
        if (error as NSError).code == NSFileReadInapplicableStringEncodingError { return "is not UTF-8 text" }
        return "cannot be read"
    }
}
