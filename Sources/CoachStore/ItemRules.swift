import CoachCore

/// The rules for changing action items and agenda topics between one-on-ones, written once for
/// every engine so each refuses in the same words. The engines find the item as the user may
/// see it (an item they may not see is no item at all) and pass what these rules read.
public enum ItemRules {
    /// An action item as the edit rules read it: its state, and the people around it.
    public struct ActionItemFacts: Sendable {
        public var id: Int64
        public var status: String
        public var ownerID: Int64
        public var subjectID: Int64
        public var subjectName: String
        public var managerID: Int64?
        public var managerName: String?

        public init(id: Int64, status: String, ownerID: Int64, subjectID: Int64, subjectName: String,
                    managerID: Int64?, managerName: String?) {
            self.id = id
            self.status = status
            self.ownerID = ownerID
            self.subjectID = subjectID
            self.subjectName = subjectName
            self.managerID = managerID
            self.managerName = managerName
        }
    }

    /// An action item's text trimmed, when it is 1 to 2000 characters of plain text (an agenda
    /// topic's limits).
    public static func validatedActionText(_ text: String) throws -> String {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 2_000 else {
            throw StoreError.invalidText("an action item needs 1 to 2000 characters of plain text")
        }
        if let problem = PlainText.problem(in: text) {
            throw StoreError.invalidText("an action item cannot contain \(problem)")
        }
        return text
    }

    /// A due date as stored: a real day, `YYYY-MM-DD` (the command reads `+7d`, `friday` and
    /// the like, and refuses a past day, before the store sees it).
    public static func validatedDue(_ due: String) throws -> String {
        guard DateAnswer.isoDate(due) != nil else {
            throw StoreError.invalidText("a due date is a day written YYYY-MM-DD, not '\(due)'")
        }
        return due
    }

    /// Refuses an edit `actorID` may not make: an item they are not involved in (its owner, the
    /// rep it is about, the rep's manager: who may close it), one that is no longer open, and a
    /// new owner other than the rep or their manager (as for an item a one-on-one creates).
    /// Someone who only owns the item (the rep's former manager) may not hand it to another, as
    /// they would no longer see it.
    public static func checkEdit(_ item: ActionItemFacts, actorID: Int64?, newOwner: Person?) throws {
        let involved: [Int64?] = [item.ownerID, item.subjectID, item.managerID]
        guard let actorID, involved.contains(actorID) else { throw StoreError.unknownActionItem(item.id) }
        guard item.status == "open" else { throw StoreError.actionItemNotEditable(item.id, status: item.status) }
        guard let newOwner, newOwner.id != item.ownerID else { return }
        guard newOwner.id == item.subjectID || (item.managerID != nil && newOwner.id == item.managerID) else {
            let allowed = item.managerName.map { "\(item.subjectName) or their manager \($0)" } ?? item.subjectName
            throw StoreError.notAllowed("an action item about \(item.subjectName) is owned by \(allowed), not \(newOwner.name)")
        }
        guard actorID == item.subjectID || actorID == item.managerID || newOwner.id == actorID else {
            throw StoreError.notAllowed("only \(item.subjectName) or their manager may give #\(item.id) to someone else")
        }
    }

    /// Refuses removing an agenda topic `actorID` may not see (only the rep it belongs to and
    /// their manager see it) or one that is no longer open.
    public static func checkRemoval(id: Int64, status: String, personID: Int64, managerID: Int64?, actorID: Int64?) throws {
        guard let actorID, actorID == personID || actorID == managerID else { throw StoreError.unknownAgendaItem(id) }
        guard status == "open" else { throw StoreError.agendaItemClosed(id, status: status) }
    }

    /// Refuses reading `subject`'s agenda to anyone but them and their manager.
    public static func checkAgendaReader(_ viewer: Person, subject: Person) throws {
        guard subject.id == viewer.id || (subject.managerID != nil && subject.managerID == viewer.id) else {
            throw StoreError.notAllowed("agenda topics are seen by the rep and their manager")
        }
    }
}
