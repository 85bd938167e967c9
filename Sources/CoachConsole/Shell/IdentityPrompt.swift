import CoachCore
import CoachStore

/// On a terminal with no known user, asks once who is at the keyboard and remembers the
/// answer in the config file. On an empty store the person is created with the role given.
struct IdentityPrompt {
    let context: CommandContext
    let reader: any LineReader

    /// Asks when needed. A store that cannot be read is reported, never taken for an empty one.
    func ensureUser() {
        do {
            try askIfNeeded()
        } catch {
            context.console.problem("coach: \(error)")
        }
    }

    private func askIfNeeded() throws {
        // On an organisation store the person is the login; there is nobody to ask about.
        if try context.organisation() != nil { return }
        let database = try context.localDatabase()
        let isEmpty = try database.peopleCount() == 0
        if let name = context.userName, !isEmpty {
            if try database.person(named: name) == nil {
                context.console.problem("note: '\(name)' is not a person in this store; commands that need a user will refuse.")
            }
            return
        }
        context.console.line(isEmpty
            ? "This store is empty. Who are you? You will be its first person."
            : "coach does not know who you are yet.")
        var typed: String?
        while typed == nil {
            guard let name = ask("Your name: ", default: context.userName) else { return }
            if let person = try database.person(named: name) {
                remember(person.name)
                return
            }
            guard !isEmpty else {
                typed = name
                break
            }
            // A typo is asked again, with the name it was probably meant to be.
            let hint = suggestion(for: name, among: try database.people().map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
            context.console.problem("'\(name)' is not in this store\(hint): type your name as it was added, "
                                    + "or ask HR or your manager to add you (person add); Ctrl-D leaves.")
        }
        guard let name = typed else { return }
        while true {
            guard let answer = ask("Your role (rep, manager, hr): ", default: nil) else { return }
            guard let role = Role(parsing: answer) else {
                context.console.line("Please answer rep, manager or hr.")
                continue
            }
            do {
                let person = try database.addPerson(name: name, role: role, team: nil, manager: nil, by: nil,
                                                      at: context.clock.now())
                context.console.line("Added \(person.name) (\(role.rawValue)).")
                remember(person.name)
            } catch {
                context.console.problem("coach: \(error)")
            }
            return
        }
    }

    private func ask(_ prompt: String, default value: String?) -> String? {
        while true {
            switch reader.readLine(prompt: value.map { "\(prompt)[\($0)] " } ?? prompt) {
            case .endOfInput, .interrupted:
                return nil
            case let .line(text):
                let answer = text.trimmingCharacters(in: .whitespaces)
                if !answer.isEmpty { return answer }
                if let value { return value }
            }
        }
    }

    private func remember(_ name: String) {
        context.switchUser(to: name)
        do {
            try CoachConfig.saveUser(name, path: context.paths.config)
            context.console.line("Hello, \(name). Saved you as the user in \(context.paths.config).")
        } catch {
            context.console.problem("coach: \(error)")
        }
    }
}

import Foundation
