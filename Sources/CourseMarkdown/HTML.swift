/// Escaping for text placed in HTML, the one helper every rewriter uses.
public enum HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'` so that any text is safe in element content and in quoted attributes.
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            // Most cells and titles need nothing: hand them back as they are.
            guard needsEscaping(bytes) else { return nil }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 16)
            appendEscaped(bytes, to: &escaped)
            return String(decoding: escaped, as: UTF8.self)
        } ?? text
    }

    /// Appends `text` escaped as `escape` does, as UTF-8 bytes: for HTML built as bytes.
    static func appendEscaped(_ text: String, to html: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            if needsEscaping(bytes) {
                appendEscaped(bytes, to: &html)
            } else {
                html.append(contentsOf: bytes)
            }
        }
    }

    private static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 })
    }

    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to escaped: inout [UInt8]) {
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
    }
}
