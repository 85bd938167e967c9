import CoachConsole
import Foundation

exit(CoachMain.run(arguments: Array(CommandLine.arguments.dropFirst())))
