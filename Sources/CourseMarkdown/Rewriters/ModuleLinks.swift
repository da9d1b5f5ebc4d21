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
    static func moduleFile(_ url: String) -> (file: String, fragment: String?)? {
        guard !url.contains("://"), !url.hasPrefix("/"), !url.hasPrefix("mailto:") else { return nil }
        let pieces = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        var file = String(pieces[0])
        if file.hasPrefix("./") { file.removeFirst(2) }
        guard file.hasSuffix(".md"), !file.contains("/") else { return nil }
        return (file, pieces.count > 1 ? String(pieces[1]) : nil)
    }
}
