import CoachCore
import CoachStore
import Foundation

/// The retros an export carries: those of the teams the viewer is in or runs, as the store lets
/// them see each (an anonymous item without its author; nothing for HR or other teams).
struct RetroExport: Encodable {
    let retro: RetroSummary
    let items: [RetroItem]
    let topics: [RetroTopic]
    let actions: [ActionItemView]

    /// Every retro of every team whose retros `viewer` may see, newest first within a team.
    static func read(for viewer: String, store: any Store) throws -> [RetroExport] {
        let teams = Set(try store.people().compactMap(\.team)).sorted { $0.lowercased() < $1.lowercased() }
        var exports: [RetroExport] = []
        for team in teams {
            let retros: [RetroSummary]
            do {
                retros = try store.retros(team: team, viewer: viewer)
            } catch StoreError.notAllowed {
                continue  // not their team
            }
            for retro in retros {
                let board = try store.retroBoard(id: retro.id, viewer: viewer)
                exports.append(RetroExport(retro: board.retro, items: board.items, topics: board.topics, actions: board.actions))
            }
        }
        return exports
    }

    private enum Keys: String, CodingKey {
        case id, team, manager, opened, closed, stage, votesPerPerson, items, topics, actions
        case list, text, author, addedOn, topic, number, title, votes
    }

    /// Every field is written, null where there is no value (an anonymous item's author).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(retro.id, forKey: .id)
        try container.encode(retro.team, forKey: .team)
        try container.encode(retro.manager, forKey: .manager)
        try container.encode(retro.openedAt, forKey: .opened)
        try container.encode(retro.closedAt, forKey: .closed)
        try container.encode(retro.stage.rawValue, forKey: .stage)
        try container.encode(retro.votesPerPerson, forKey: .votesPerPerson)
        var items = container.nestedUnkeyedContainer(forKey: .items)
        for item in self.items {
            var row = items.nestedContainer(keyedBy: Keys.self)
            try row.encode(item.id, forKey: .id)
            try row.encode(item.list, forKey: .list)
            try row.encode(item.text, forKey: .text)
            try row.encode(item.author, forKey: .author)
            try row.encode(item.addedOn, forKey: .addedOn)
            try row.encode(item.topic, forKey: .topic)
        }
        var topics = container.nestedUnkeyedContainer(forKey: .topics)
        for topic in self.topics {
            var row = topics.nestedContainer(keyedBy: Keys.self)
            try row.encode(topic.number, forKey: .number)
            try row.encode(topic.title, forKey: .title)
            try row.encode(topic.votes, forKey: .votes)
        }
        try container.encode(actions, forKey: .actions)
    }
}

extension ExportCSV {
    /// A retro is a `retro` row (kind its `#id`, subject the team, author its manager, date when it
    /// opened, key its stage); each item a `retro_item` row (author empty when anonymous, date the
    /// day only, key its list, value its text, band its topic); each topic a `retro_topic` row (key
    /// its number, value its title, band its votes); each action a `retro_action` row.
    static func rows(_ retros: [RetroExport]) -> [[String]] {
        var rows: [[String]] = []
        for export in retros {
            let retro = export.retro, kind = "#\(retro.id)"
            rows.append(["retro", "", "", kind, retro.team, retro.manager ?? "", retro.openedAt.ISO8601Format(), retro.stage.rawValue,
                         "", ""])
            for item in export.items {
                rows.append(["retro_item", "", "", kind, retro.team, item.author ?? "", item.addedOn, item.list ?? "", item.text,
                             item.topic.map(String.init) ?? ""])
            }
            for topic in export.topics {
                rows.append(["retro_topic", "", "", kind, retro.team, "", "", String(topic.number), topic.title,
                             topic.votes.map(String.init) ?? ""])
            }
            for action in export.actions {
                rows.append(["retro_action", "", "", kind, action.subject, action.owner, action.due ?? "", "#\(action.id) \(action.status)",
                             action.text, ""])
            }
        }
        return rows
    }
}
