/// Whether output is coloured: only on a terminal, never with `--no-color`, a non-empty
/// `NO_COLOR` or `TERM=dumb` (the NO_COLOR convention).
public enum ColorChoice {
    public static func useColor(noColorFlag: Bool, environment: [String: String], outputIsTerminal: Bool) -> Bool {
        if noColorFlag || !outputIsTerminal { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return true
    }
}
