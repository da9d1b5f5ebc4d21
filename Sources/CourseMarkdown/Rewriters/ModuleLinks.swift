/// Links between modules name the Markdown file (`02-review.md#id`); a page addresses the
/// module its own way (`review.html#id` in the static site, `/modules/review#id` on the server).
enum ModuleLinks {
    /// The link's new destination, or nil to leave it as it is (not a link to a module file).
    static func rewrite(_ url: String, targets: [String: String]) -> String? {
        guard !targets.isEmpty, let (file, fragment) = moduleFile(url) else { return nil }
        guard let target = targets[file] else { return nil }
        return fragment.map { "\(target)#\($0)" } ?? target
    }

    /// The module file and fragment a relative link names, if it names a `.md` file.
    /// Works on the URL's UTF-8 bytes: every link of every module goes through it.
    static func moduleFile(_ url: String) -> (file: String, fragment: String?)? {
        let bytes = url.utf8
        guard !bytes.starts(with: "/".utf8), !bytes.starts(with: "mailto:".utf8),
              !contains(bytes, "://".utf8) else { return nil }
        let hash = bytes.firstIndex(of: UInt8(ascii: "#"))
        var file = bytes[..<(hash ?? bytes.endIndex)]
        if file.starts(with: "./".utf8) { file = file.dropFirst(2) }
        guard file.count >= 3, file.reversed().starts(with: "dm.".utf8),
              !file.contains(UInt8(ascii: "/")) else { return nil }
        return (String(file)!, hash.map { String(bytes[bytes.index(after: $0)...])! })
    }

    private static func contains(_ bytes: String.UTF8View, _ needle: String.UTF8View) -> Bool {
        var start = bytes.startIndex
        while start != bytes.endIndex {
            if bytes[start...].starts(with: needle) { return true }
            start = bytes.index(after: start)
        }
        return false
    }
}
