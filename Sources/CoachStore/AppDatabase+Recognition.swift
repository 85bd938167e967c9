import CoachCore
import Foundation
import GRDB

/// Recognition on a local store: anyone thanks anyone else, and everyone reads all of it.
extension AppDatabase: RecognitionStore {
    @discardableResult
    public func giveThanks(to receiverName: String, text: String, value: String?, by giverName: String, at now: Date) throws
        -> Recognition {
        let text = try RecognitionRules.validatedText(text)
        return try write { db in
            let giver = try Self.actor(giverName, db)
            let receiver = try Self.existingPerson(receiverName, db)
            try RecognitionRules.checkPeople(giver: giver, receiver: receiver)
            let value = try RecognitionRules.validatedValue(value, among: try Self.orgSettings(db).values)
            try db.execute(sql: """
                INSERT INTO recognition (giver_id, receiver_id, given_at, text, value) VALUES (?, ?, ?, ?, ?)
                """, arguments: [giver.id, receiver.id, now, text, value])
            return Recognition(id: db.lastInsertedRowID, giver: giver.name, receiver: receiver.name, givenAt: now, value: value,
                               text: text)
        }
    }

    public func recognitions(since: Date?, until: Date?, involving person: String?) throws -> [Recognition] {
        try read { db in try Self.recognitions(since: since, until: until, involving: person, db) }
    }

    static func recognitions(since: Date?, until: Date?, involving person: String? = nil, _ db: Database) throws -> [Recognition] {
        try Row.fetchAll(db, sql: """
            SELECT r.id, g.name AS giver, p.name AS receiver, r.given_at, r.value, r.text
            FROM recognition r JOIN person g ON g.id = r.giver_id JOIN person p ON p.id = r.receiver_id
            WHERE (? IS NULL OR r.given_at >= ?) AND (? IS NULL OR r.given_at < ?)
              AND (? IS NULL OR g.name = ? OR p.name = ?)
            ORDER BY r.given_at, r.id
            """, arguments: [since, since, until, until, person, person, person]).map { row in
            Recognition(id: row["id"], giver: row["giver"], receiver: row["receiver"], givenAt: row["given_at"],
                        value: row["value"], text: row["text"])
        }
    }
}
