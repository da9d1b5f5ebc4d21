/// Reading that goes on past a problem, for a reader that reports every problem at
/// once (`Plan.read(_:problems:)`): each problem is kept, in the order it is met,
/// and the value it is in is left out. The rules are `Field`'s.
struct LenientReader {
    var problems: [ModelError] = []

    /// What `read` reads, or nil with its problem kept.
    mutating func value<T>(_ read: () throws(ModelError) -> T) -> T? {
        do {
            return try read()
        } catch {
            problems.append(error)
            return nil
        }
    }

    /// `field.string()`, or nil with its problem kept. (These four take the field
    /// rather than `value(field.string)`, which would copy it into a closure.)
    mutating func string(_ field: Field) -> String? {
        do { return try field.string() } catch {
            problems.append(error)
            return nil
        }
    }

    /// `field.number()`, or nil with its problem kept.
    mutating func number(_ field: Field) -> Double? {
        do { return try field.number() } catch {
            problems.append(error)
            return nil
        }
    }

    /// `field.day()`, or nil with its problem kept.
    mutating func day(_ field: Field) -> Day? {
        do { return try field.day() } catch {
            problems.append(error)
            return nil
        }
    }

    /// `field.stringList()`, or nil with its problem kept.
    mutating func stringList(_ field: Field) -> [String]? {
        do { return try field.stringList() } catch {
            problems.append(error)
            return nil
        }
    }

    /// Calls `body` with each member of a map, in the text's order, null ones left out
    /// (absent, as `FieldMap` has them); false, with a problem, when the value is not a
    /// map. A key not among `keys` (as `Field.map(keys:)` refuses it), or given twice
    /// (which only JSON read by another reader can do: YAML refuses it), is a problem
    /// and is left out.
    @discardableResult
    mutating func members(_ field: Field, keys allowed: [String],
                          _ body: (_ key: String, _ member: Field, _ reader: inout LenientReader) -> Void) -> Bool {
        precondition(allowed.count <= 64, "at most 64 keys")
        var seen: UInt64 = 0
        var next = 0
        var path: String?
        func member(_ key: String, _ tree: Tree, line: Int?, _ r: inout LenientReader) {
            // Keys are mostly written in the format's order: try the one after the last first.
            let index = next < allowed.count && allowed[next] == key ? next : allowed.firstIndex(of: key)
            guard let index else {
                r.problems.append(field.unknownKey(Tree.Entry(key: key, line: line, value: tree), allowed: allowed))
                return
            }
            let bit: UInt64 = 1 << UInt64(index)
            if path == nil { path = field.path }
            let member = field.child(key, tree, in: path ?? "")
            guard seen & bit == 0 else {
                r.problems.append(member.error("duplicate key"))
                return
            }
            seen |= bit
            next = index + 1
            if !tree.isNull { body(key, member, &r) }
        }
        switch field.tree {
        case .map(let entries, _):
            for entry in entries { member(entry.key, entry.value, line: entry.line, &self) }
        case .json(.object(let members)):
            // A JSON object is read as it is, not converted first.
            for (key, value) in members { member(key, .json(value), line: nil, &self) }
        default:
            _ = value(field.openMap)
            return false
        }
        return true
    }

    /// The items of a list, each a map with `keys` read member by member into a copy
    /// of `empty`; an item that is not a map is a problem and is left out. A value that
    /// is not a list is a problem and reads as no items.
    mutating func items<T>(_ field: Field, keys: [String], _ empty: T,
                           _ member: (_ item: inout T, _ key: String, _ field: Field, _ reader: inout LenientReader) -> Void) -> [T] {
        var items: [T] = []
        do {
            try field.forEachItem { _, itemField throws(ModelError) in
                var item = empty
                if members(itemField(), keys: keys, { key, field, r in member(&item, key, field, &r) }) { items.append(item) }
            }
        } catch {
            problems.append(error)
        }
        return items
    }
}
