import CoachCore
import Foundation
import GRDB

/// Who may run which survey about whom, decided here once.
extension AppDatabase {
    /// The person a session by `authorName` is about, or why it may not run.
    ///
    /// - Check-ins, self-assessments and feedback are answered by a person about themselves:
    ///   wellbeing answers belong to the rep, so nobody fills them in for someone else.
    /// - A one-on-one is run by the subject's manager, about one of their reps.
    /// - A quiz is taken by the subject, run for them by HR, or by their manager.
    /// - A review is written by the subject's manager about them, or by a person about themselves.
    public func sessionSubject(kind: SurveyKind, authorName: String, subjectName: String?) throws -> (author: Person, subject: Person) {
        try read { db in
            let author = try Self.existingPerson(authorName, db)
            let subject = try subjectName.map { try Self.existingPerson($0, db) } ?? author
            try Self.checkSessionRule(kind: kind, author: author, subject: subject)
            return (author, subject)
        }
    }
}

extension AppDatabase {
    /// Whether `author` may run a session of `kind` about `subject` (see `sessionSubject`):
    /// the rule every engine applies, and the organisation store's database applies again.
    public static func checkSessionRule(kind: SurveyKind, author: Person, subject: Person) throws {
        let isSelf = subject.id == author.id
        switch kind {
        case .checkIn, .selfAssessment, .feedback:
            guard isSelf else {
                throw StoreError.notAllowed("\(kind.rawValue) surveys are answered by the person themselves; \(subject.name) runs it")
            }
        case .oneOnOne:
            guard !isSelf else {
                throw StoreError.notAllowed("a one-on-one is about one of your reps: name them with --for")
            }
            guard subject.managerID == author.id else {
                throw StoreError.notAllowed("only \(subject.name)'s manager runs their one-on-one")
            }
        case .review:
            guard isSelf || subject.managerID == author.id else {
                throw StoreError.notAllowed("a review is written by \(subject.name)'s manager, or by \(subject.name) about themselves")
            }
        case .retro:
            throw StoreError.notAllowed("a retrospective is a team's meeting, not a session: its manager runs 'retro --team TEAM'")
        case .quiz:
            guard isSelf || author.role == .hr || subject.managerID == author.id else {
                throw StoreError.notAllowed("a quiz is taken by the person, or run for them by HR or their manager")
            }
        }
    }
}
