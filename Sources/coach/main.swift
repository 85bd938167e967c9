import CoachConsole
import Foundation

// A file-size limit (ulimit -f) or a full quota must not kill coach silently in the middle of a
// write: with SIGXFSZ ignored the write fails with EFBIG, SQLite rolls the transaction back, and
// coach reports the error (every answer acknowledged before it stays stored).
signal(SIGXFSZ, SIG_IGN)
exit(CoachMain.run(arguments: Array(CommandLine.arguments.dropFirst())))
