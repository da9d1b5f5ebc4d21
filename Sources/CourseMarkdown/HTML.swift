/// Escaping for text placed in HTML, the one helper every rewriter uses.
public enum HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'` so that any text is safe in element content and in quoted attributes.
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            // Most cells and titles need nothing: hand them back as they are.
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
                return nil
            }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                switch byte {
                case 0x26: escaped.append(contentsOf: "&amp;".utf8)
                case 0x3C: escaped.append(contentsOf: "&lt;".utf8)
                case 0x3E: escaped.append(contentsOf: "&gt;".utf8)
                case 0x22: escaped.append(contentsOf: "&quot;".utf8)
                case 0x27: escaped.append(contentsOf: "&#39;".utf8)
                default: escaped.append(byte)
                }
            }
            return String(decoding: escaped, as: UTF8.self)
        } ?? text
    }
}
