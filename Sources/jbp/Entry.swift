import JBPCommands

/// The `jbp` executable: everything lives in JBPCommands.
@main
enum Entry {
    static func main() async {
        await JBP.main()
    }
}
