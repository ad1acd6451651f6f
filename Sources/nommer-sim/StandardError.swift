import Foundation

/// Writes a line to standard error (results go to stdout, everything else here).
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Whether standard error is a terminal (progress is drawn only there).
var standardErrorIsTerminal: Bool { isatty(2) != 0 }
